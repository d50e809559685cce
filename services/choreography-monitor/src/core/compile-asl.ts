import { SCHEMA_VERSION, VIGIL_WORKFLOW_STUCK } from '@vigil/event-schema';
import { ASL_SUBSTITUTIONS, aslNames, TOKEN_SORT_KEY, WORKFLOW_ERRORS } from './asl-names';
import { allOf, type ChoiceRule, LAST_EVENT_PATH } from './choice-rule';
import type { TerminalState, WaitState } from './choreography';
import type { ChoreographyModel } from './choreography-model';
import { compileDetailCondition } from './compile-detail-condition';

/** An Amazon States Language definition (JSONPath), as the compiler writes it. */
export type AslDefinition = {
  Comment: string;
  StartAt: string;
  States: Record<string, Record<string, unknown>>;
};

const placeholder = (name: string) => `\${${name}}`;

// DynamoDB and EventBridge errors worth retrying inside the execution (service-side, transient).
const TRANSIENT_DYNAMODB_ERRORS = [
  'DynamoDB.ProvisionedThroughputExceededException',
  'DynamoDB.RequestLimitExceeded',
  'DynamoDB.ThrottlingException',
  'DynamoDB.InternalServerErrorException',
];

/** Text inside a `States.Format` template: `'`, `{`, `}` and `\` are escaped. */
function formatLiteral(text: string): string {
  return text.replace(/[\\'{}]/g, (char) => `\\${char}`);
}

/** The Choice rule of one transition: the event's detail-type, then its detail conditions. */
export function transitionRule(event: string, detail: Record<string, unknown> | undefined): ChoiceRule {
  return allOf([
    { Variable: `${LAST_EVENT_PATH}.detailType`, StringEquals: event },
    ...compileDetailCondition(detail),
  ]);
}

function waitTask(state: WaitState): Record<string, unknown> {
  return {
    Type: 'Task',
    Comment: state.description ?? `Waits for ${state.on.map((t) => t.event).join(' | ')}`,
    Resource: 'arn:aws:states:::dynamodb:putItem.waitForTaskToken',
    Parameters: {
      TableName: placeholder(ASL_SUBSTITUTIONS.tokensTable),
      Item: {
        pk: { 'S.$': '$.tokenKey' },
        sk: { S: TOKEN_SORT_KEY },
        token: { 'S.$': '$$.Task.Token' },
        state: { S: state.name },
        choreography: { 'S.$': '$.choreography' },
        correlationId: { 'S.$': '$.correlationId' },
        executionArn: { 'S.$': '$$.Execution.Id' },
        enteredAt: { 'S.$': '$$.State.EnteredTime' },
        ttl: { 'N.$': '$.tokenTtl' },
      },
    },
    // The forwarder answers SendTaskSuccess with the event: it becomes the Choice state's input.
    ResultPath: LAST_EVENT_PATH,
    TimeoutSeconds: state.timeoutSeconds,
    Retry: [
      {
        ErrorEquals: TRANSIENT_DYNAMODB_ERRORS,
        IntervalSeconds: 1,
        MaxAttempts: 5,
        BackoffRate: 2,
        JitterStrategy: 'FULL',
      },
    ],
    Catch: [
      { ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: aslNames.reportStuck(state.name) },
    ],
    Next: aslNames.route(state.name),
  };
}

function routeChoice(state: WaitState): Record<string, unknown> {
  return {
    Type: 'Choice',
    Choices: state.on.map((transition) => ({
      ...transitionRule(transition.event, transition.detail),
      Next: transition.next,
    })),
    Default: aslNames.unexpected(state.name),
  };
}

// The cause is built in a Pass state, then read by the Fail state's CausePath: AWS also accepts the
// intrinsic directly in CausePath, but a plain path works with every ASL engine (local-cloud's included).
function unexpectedCause(state: WaitState): Record<string, unknown> {
  const expected = state.on.map((t) => t.event).join(' | ');
  return {
    Type: 'Pass',
    Parameters: {
      'cause.$': `States.Format('${formatLiteral(state.name)} does not accept {} from {} (expects ${formatLiteral(expected)})', $.lastEvent.detailType, $.lastEvent.source)`,
    },
    ResultPath: '$.unexpected',
    Next: aslNames.failUnexpected(state.name),
  };
}

function unexpectedFail(): Record<string, unknown> {
  return { Type: 'Fail', Error: WORKFLOW_ERRORS.unexpectedEvent, CausePath: '$.unexpected.cause' };
}

function reportStuck(state: WaitState): Record<string, unknown> {
  return {
    Type: 'Task',
    Comment: `Emits ${VIGIL_WORKFLOW_STUCK.detailType}: ${state.name} waited longer than ${state.timeoutSeconds} s`,
    Resource: 'arn:aws:states:::events:putEvents',
    Parameters: {
      Entries: [
        {
          EventBusName: placeholder(ASL_SUBSTITUTIONS.vigilEventBus),
          Source: VIGIL_WORKFLOW_STUCK.source,
          DetailType: VIGIL_WORKFLOW_STUCK.detailType,
          Detail: {
            schemaVersion: SCHEMA_VERSION,
            status: 'STUCK',
            'choreography.$': '$.choreography',
            'correlationId.$': '$.correlationId',
            state: state.name,
            timeoutSeconds: state.timeoutSeconds,
            'executionArn.$': '$$.Execution.Id',
            lastEvent: {
              'id.$': '$.lastEvent.id',
              'source.$': '$.lastEvent.source',
              'detailType.$': '$.lastEvent.detailType',
              'time.$': '$.lastEvent.time',
            },
          },
        },
      ],
    },
    ResultPath: null,
    Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
    // The execution must still fail as stuck when the report cannot be sent (ExecutionsFailed alarms then).
    Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.reportError', Next: aslNames.stuck(state.name) }],
    Next: aslNames.stuck(state.name),
  };
}

function stuckFail(state: WaitState): Record<string, unknown> {
  return {
    Type: 'Fail',
    Error: WORKFLOW_ERRORS.stuck,
    Cause: `${state.name} waited longer than ${state.timeoutSeconds} seconds for ${state.on.map((t) => t.event).join(' | ')}`,
  };
}

function terminal(state: TerminalState, choreography: string): Record<string, unknown> {
  if (state.outcome === 'success')
    return { Type: 'Succeed', ...(state.description ? { Comment: state.description } : {}) };
  return {
    Type: 'Fail',
    Error: state.error ?? `${choreography}.${state.name}`,
    Cause: state.cause ?? `the ${choreography} workflow reached ${state.name}`,
  };
}

/**
 * Compiles a choreography to an ASL definition (Standard workflow, JSONPath). Per waiting state: a Task
 * `dynamodb:putItem.waitForTaskToken` that stores its token with the state name, correlation id and TTL
 * and waits at most the state's SLA (`TimeoutSeconds`); a Choice on the received event's detail-type and
 * detail conditions; for any other event a Fail (`Vigil.UnexpectedEvent`, the cause names the event); and
 * on `States.Timeout` a Task that emits `Vigil Workflow Stuck` before failing (`Vigil.WorkflowStuck`).
 * Terminal states become Succeed/Fail. Table and bus names are `${TokensTableName}` / `${VigilEventBusName}`
 * placeholders for `DefinitionSubstitutions`.
 *
 * @example
 * const asl = compileAsl(parseChoreography(text, 'choreographies/order.yml'));
 * asl.StartAt; // 'AwaitingPayment'
 */
export function compileAsl(model: ChoreographyModel): AslDefinition {
  const states: AslDefinition['States'] = {};
  for (const state of model.waitStates) {
    states[state.name] = waitTask(state);
    states[aslNames.route(state.name)] = routeChoice(state);
    states[aslNames.unexpected(state.name)] = unexpectedCause(state);
    states[aslNames.failUnexpected(state.name)] = unexpectedFail();
    states[aslNames.reportStuck(state.name)] = reportStuck(state);
    states[aslNames.stuck(state.name)] = stuckFail(state);
  }
  for (const state of model.terminalStates) states[state.name] = terminal(state, model.name);
  return {
    Comment: `${model.name} choreography${model.description ? `: ${model.description}` : ''} (generated by vigil choreography compile; do not edit)`,
    StartAt: model.start.next,
    States: states,
  };
}
