import { ASL_SUBSTITUTIONS } from '../src/core/asl-names';
import type { ChoreographyModel } from '../src/core/choreography-model';
import { compileAsl } from '../src/core/compile-asl';
import { compileEventRules } from '../src/core/compile-event-rules';

/** A CloudFormation resource. */
export type CfnResource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] };

/** Names the serverless.yml resources the generated ones refer to. */
export const STACK_REFERENCES = {
  tokensTable: 'TokensTable',
  startQueue: 'StartQueue',
  forwardQueue: 'ForwardQueue',
  deadLetterQueue: 'DeadLetterQueue',
  stateMachineRole: 'ChoreographyStateMachineRole',
  startWorkflowRole: 'StartWorkflowRole',
  callbackRoles: ['ForwardEventRole', 'DeliverInboxRole'],
} as const;

export type StackOptions = {
  stage: string;
  /** Step Functions log level (`ALL`, `ERROR`, `FATAL`, `OFF`). */
  logLevel?: string | undefined;
  logRetentionDays?: number | undefined;
  /** Name of the service in metrics (POWERTOOLS_SERVICE_NAME). */
  metricsService?: string | undefined;
};

const TAGS = [{ Key: 'created-by', Value: 'vigil' }];
const ALARM_TOPIC = (stage: string) => ({
  'Fn::Sub': `arn:\${AWS::Partition}:sns:\${AWS::Region}:\${AWS::AccountId}:vigil-${stage}-alarms`,
});

/** `refund-v2` → `RefundV2` (CloudFormation logical ids are alphanumeric). */
export function logicalPrefix(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** The rule serverless.yml gives recordStatus (Step Functions status changes, default bus). */
export function statusRuleName(stage: string): string {
  return `vigil-${stage}-choreo-status-changes`;
}

/** The state machine of a choreography is named `vigil-<stage>-choreography-<name>` (IAM and the CLI rely on it). */
export function stateMachineName(stage: string, choreography: string): string {
  return `vigil-${stage}-choreography-${choreography}`;
}

function alarm(
  stage: string,
  name: string,
  description: string,
  metric: Record<string, unknown>
): CfnResource {
  return {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmName: name,
      AlarmDescription: description,
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [ALARM_TOPIC(stage)],
      Tags: TAGS,
      ...metric,
    },
  };
}

function ruleResource(stage: string, model: ChoreographyModel, kind: 'start' | 'forward'): CfnResource {
  const [start, forward] = compileEventRules(model);
  const rule = kind === 'start' ? start : forward;
  const queue = kind === 'start' ? STACK_REFERENCES.startQueue : STACK_REFERENCES.forwardQueue;
  return {
    Type: 'AWS::Events::Rule',
    Properties: {
      Name: `vigil-${stage}-choreo-${model.name}-${kind}`,
      Description: rule.description,
      EventBusName: rule.eventBus ?? `vigil-${stage}`,
      EventPattern: rule.pattern,
      State: 'ENABLED',
      Targets: [
        {
          Id: `${kind}-queue`,
          Arn: { 'Fn::GetAtt': [queue, 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [STACK_REFERENCES.deadLetterQueue, 'Arn'] } },
        },
      ],
    },
  };
}

function choreographyResources(model: ChoreographyModel, options: StackOptions): Record<string, CfnResource> {
  const { stage } = options;
  const prefix = logicalPrefix(model.name);
  const machineName = stateMachineName(stage, model.name);
  const machine = { Ref: `${prefix}StateMachine` };
  return {
    [`${prefix}StateMachineLogGroup`]: {
      Type: 'AWS::Logs::LogGroup',
      Properties: {
        LogGroupName: `/aws/vendedlogs/states/${machineName}`,
        RetentionInDays: options.logRetentionDays ?? 30,
        Tags: TAGS,
      },
    },
    [`${prefix}StateMachine`]: {
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: {
        StateMachineName: machineName,
        StateMachineType: 'STANDARD',
        DefinitionString: JSON.stringify(compileAsl(model), null, 2),
        DefinitionSubstitutions: {
          [ASL_SUBSTITUTIONS.tokensTable]: { Ref: STACK_REFERENCES.tokensTable },
          [ASL_SUBSTITUTIONS.vigilEventBus]: `vigil-${stage}`,
        },
        RoleArn: { 'Fn::GetAtt': [STACK_REFERENCES.stateMachineRole, 'Arn'] },
        LoggingConfiguration: {
          Level: options.logLevel ?? 'ALL',
          // Event payloads may carry personal data: the execution history (console) has them, the logs do not.
          IncludeExecutionData: false,
          Destinations: [
            {
              CloudWatchLogsLogGroup: {
                LogGroupArn: { 'Fn::GetAtt': [`${prefix}StateMachineLogGroup`, 'Arn'] },
              },
            },
          ],
        },
        Tags: TAGS,
      },
    },
    [`${prefix}StartRule`]: ruleResource(stage, model, 'start'),
    [`${prefix}ForwardRule`]: ruleResource(stage, model, 'forward'),
    [`${prefix}ExecutionsFailedAlarm`]: alarm(
      stage,
      `vigil-${stage}-choreo-${model.name}-failed`,
      `${model.name} workflows failed (unexpected event, failure outcome or stuck)`,
      {
        Namespace: 'AWS/States',
        MetricName: 'ExecutionsFailed',
        Dimensions: [{ Name: 'StateMachineArn', Value: machine }],
      }
    ),
    [`${prefix}ExecutionsTimedOutAlarm`]: alarm(
      stage,
      `vigil-${stage}-choreo-${model.name}-timed-out`,
      `${model.name} workflows timed out`,
      {
        Namespace: 'AWS/States',
        MetricName: 'ExecutionsTimedOut',
        Dimensions: [{ Name: 'StateMachineArn', Value: machine }],
      }
    ),
    [`${prefix}CallbacksRejectedAlarm`]: alarm(
      stage,
      `vigil-${stage}-choreo-${model.name}-callbacks-rejected`,
      `Step Functions refused ${model.name} events (the waiting state had timed out or the token was unknown)`,
      {
        Namespace: 'Vigil',
        MetricName: 'CallbacksRejected',
        Dimensions: [
          { Name: 'service', Value: options.metricsService ?? 'choreography-monitor' },
          { Name: 'choreography', Value: model.name },
        ],
      }
    ),
  };
}

function accessPolicies(models: readonly ChoreographyModel[]): Record<string, CfnResource> {
  const machines = models.map((model) => ({ Ref: `${logicalPrefix(model.name)}StateMachine` }));
  return {
    ChoreographyStartPolicy: {
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: {
        Description: 'Start executions of the choreography state machines (and nothing else)',
        Roles: [{ Ref: STACK_REFERENCES.startWorkflowRole }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'StartOwnStateMachines',
              Effect: 'Allow',
              Action: 'states:StartExecution',
              Resource: machines,
            },
          ],
        },
      },
    },
    ChoreographyCallbackPolicy: {
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: {
        Description: 'Send task callbacks to the choreography state machines (and nothing else)',
        Roles: STACK_REFERENCES.callbackRoles.map((role) => ({ Ref: role })),
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'CallbackOwnStateMachines',
              Effect: 'Allow',
              Action: ['states:SendTaskSuccess', 'states:SendTaskFailure'],
              Resource: machines,
            },
          ],
        },
      },
    },
  };
}

function queuePolicy(models: readonly ChoreographyModel[], stage: string): CfnResource {
  const rules = (kind: 'Start' | 'Forward') =>
    models.map((model) => ({ 'Fn::GetAtt': [`${logicalPrefix(model.name)}${kind}Rule`, 'Arn'] }));
  const statement = (sid: string, queue: string, sourceArns: unknown[]) => ({
    Sid: sid,
    Effect: 'Allow',
    Principal: { Service: 'events.amazonaws.com' },
    Action: 'sqs:SendMessage',
    Resource: { 'Fn::GetAtt': [queue, 'Arn'] },
    Condition: { ArnEquals: { 'aws:SourceArn': sourceArns } },
  });
  return {
    Type: 'AWS::SQS::QueuePolicy',
    Properties: {
      Queues: [
        STACK_REFERENCES.startQueue,
        STACK_REFERENCES.forwardQueue,
        STACK_REFERENCES.deadLetterQueue,
      ].map((queue) => ({ Ref: queue })),
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          statement('StartRules', STACK_REFERENCES.startQueue, rules('Start')),
          statement('ForwardRules', STACK_REFERENCES.forwardQueue, rules('Forward')),
          statement('UndeliveredRuleEvents', STACK_REFERENCES.deadLetterQueue, [
            ...rules('Start'),
            ...rules('Forward'),
            // The status-change rule of serverless.yml (recordStatus), named there.
            {
              'Fn::Sub': `arn:\${AWS::Partition}:events:\${AWS::Region}:\${AWS::AccountId}:rule/${statusRuleName(stage)}`,
            },
          ]),
        ],
      },
    },
  };
}

/**
 * The CloudFormation resources generated from the choreography declarations — the single source of
 * truth, compiled at package time: per choreography a Standard state machine (the compiled ASL, logging
 * to its own log group), its start and forward rules (→ the start and forward queues), and alarms on
 * ExecutionsFailed, ExecutionsTimedOut and refused callbacks; for all of them, the queue policy that lets
 * exactly those rules send, and the managed policies that let the starter and the callback functions act
 * on exactly those state machines.
 *
 * @example
 * Object.assign(template.Resources, buildChoreographyResources(loadChoreographies('choreographies'), { stage: 'dev' }));
 */
export function buildChoreographyResources(
  models: readonly ChoreographyModel[],
  options: StackOptions
): Record<string, CfnResource> {
  if (models.length === 0) return {};
  return {
    ...Object.assign({}, ...models.map((model) => choreographyResources(model, options))),
    ...accessPolicies(models),
    ChoreographyQueuePolicy: queuePolicy(models, options.stage),
  };
}
