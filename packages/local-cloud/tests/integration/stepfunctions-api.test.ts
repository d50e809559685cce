import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  InvalidDefinition,
  InvalidName,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  type SFNClient,
  StartExecutionCommand,
  StateMachineDoesNotExist,
} from '@aws-sdk/client-sfn';
import {
  type StepFunctionsFacade,
  startStepFunctionsFacade,
} from '../../src/stepfunctions/start-step-functions-facade';
import { type DynamoDbLocal, eventually, startDynamoDbLocal } from '../fixtures/stepfunctions/dynamodb-local';
import {
  createEventSink,
  createSfnClient,
  historyOf,
  ROLE_ARN,
  startMachine,
  waitForCompletion,
} from '../fixtures/stepfunctions/sfn-harness';

// The workspace's integration timeout is not applied to projects by jest 30; long waits need it.
jest.setTimeout(60_000);

const ARN_PREFIX = 'arn:aws:states:us-east-1:000000000000';
const waitMachine = {
  StartAt: 'Hold',
  States: { Hold: { Type: 'Wait', Seconds: 30, End: true } },
};

describe('Step Functions facade: API', () => {
  let dynamodb: DynamoDbLocal;
  let facade: StepFunctionsFacade;
  let client: SFNClient;
  const sink = createEventSink();
  const lambdaCalls: { name: string; payload: unknown }[] = [];

  beforeAll(async () => {
    dynamodb = await startDynamoDbLocal();
    facade = await startStepFunctionsFacade({
      dynamodbEndpoint: dynamodb.endpoint,
      publishEvents: sink.publishEvents,
      invokeLambda: async (name, payload) => {
        lambdaCalls.push({ name, payload });
        if (lambdaCalls.filter((call) => call.name === name).length === 1) {
          throw Object.assign(new Error('cold start hiccup'), { name: 'Lambda.ServiceException' });
        }
        return { score: 7 };
      },
    });
    client = createSfnClient(facade.url);
  });

  afterAll(async () => {
    client?.destroy();
    await facade?.stop();
    await dynamodb?.stop();
  });

  it('returns the running execution for the same name and input, and rejects another input', async () => {
    // Prepare
    const { stateMachineArn } = await client.send(
      new CreateStateMachineCommand({
        name: 'idempotent',
        definition: JSON.stringify(waitMachine),
        roleArn: ROLE_ARN,
      })
    );
    const first = await client.send(
      new StartExecutionCommand({ stateMachineArn, name: 'run-1', input: '{"a":1}' })
    );

    // Act
    const again = await client.send(
      new StartExecutionCommand({ stateMachineArn, name: 'run-1', input: '{"a":1}' })
    );
    const different = client.send(
      new StartExecutionCommand({ stateMachineArn, name: 'run-1', input: '{"a":2}' })
    );

    // Assess
    expect(again.executionArn).toBe(first.executionArn);
    expect(first.executionArn).toBe(`${ARN_PREFIX}:execution:idempotent:run-1`);
    await expect(different).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    const listed = await client.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING' }));
    expect(listed.executions?.map((execution) => execution.name)).toEqual(['run-1']);
  });

  it('rejects bad names, unknown resources and invalid ASL with the AWS exceptions', async () => {
    // Prepare
    const { stateMachineArn } = await client.send(
      new CreateStateMachineCommand({
        name: 'names',
        definition: JSON.stringify(waitMachine),
        roleArn: ROLE_ARN,
      })
    );

    // Act
    const badName = client.send(new StartExecutionCommand({ stateMachineArn, name: 'has space' }));
    const tooLong = client.send(new StartExecutionCommand({ stateMachineArn, name: 'x'.repeat(81) }));
    const noMachine = client.send(
      new StartExecutionCommand({ stateMachineArn: `${ARN_PREFIX}:stateMachine:nope` })
    );
    const noExecution = client.send(
      new DescribeExecutionCommand({ executionArn: `${ARN_PREFIX}:execution:names:nope` })
    );
    const badAsl = client.send(
      new CreateStateMachineCommand({
        name: 'broken',
        definition: JSON.stringify({ StartAt: 'Missing', States: { A: { Type: 'Pass', End: true } } }),
        roleArn: ROLE_ARN,
      })
    );

    // Assess
    await expect(badName).rejects.toBeInstanceOf(InvalidName);
    await expect(tooLong).rejects.toBeInstanceOf(InvalidName);
    await expect(noMachine).rejects.toBeInstanceOf(StateMachineDoesNotExist);
    await expect(noExecution).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    await expect(badAsl).rejects.toBeInstanceOf(InvalidDefinition);
    const described = await client.send(new DescribeStateMachineCommand({ stateMachineArn }));
    expect(described).toMatchObject({ name: 'names', status: 'ACTIVE', type: 'STANDARD', roleArn: ROLE_ARN });
  });

  it('publishes events:putEvents.waitForTaskToken entries and fails the execution on SendTaskFailure', async () => {
    // Prepare
    const machine = {
      StartAt: 'AskApproval',
      States: {
        AskApproval: {
          Type: 'Task',
          Resource: 'arn:aws:states:::events:putEvents.waitForTaskToken',
          Parameters: {
            Entries: [
              {
                Source: 'vigil.test',
                DetailType: 'Approval Requested',
                EventBusName: 'vigil-test',
                Detail: { 'orderId.$': '$.orderId', 'token.$': '$$.Task.Token' },
              },
            ],
          },
          End: true,
        },
      },
    };
    const { executionArn, stateMachineArn } = await startMachine(client, 'approval', machine, {
      orderId: 'o-9',
    });
    const request = await eventually(
      async () => sink.entries.find((entry) => entry.Source === 'vigil.test'),
      'the approval event'
    );

    // Act
    const { token } = JSON.parse(request.Detail ?? '{}');
    await client.send(new SendTaskFailureCommand({ taskToken: token, error: 'Rejected', cause: 'budget' }));
    const described = await waitForCompletion(client, executionArn);

    // Assess
    expect(request).toMatchObject({
      DetailType: 'Approval Requested',
      EventBusName: 'vigil-test',
      Resources: [executionArn, stateMachineArn],
    });
    expect(JSON.parse(request.Detail ?? '{}').orderId).toBe('o-9');
    expect(described).toMatchObject({ status: 'FAILED', error: 'Rejected', cause: 'budget' });
    const types = (await historyOf(client, executionArn)).map((event) => event.type);
    expect(types.slice(-3)).toEqual(['TaskSubmitted', 'TaskFailed', 'ExecutionFailed']);
    expect(sink.statusesOf(executionArn)).toEqual(['RUNNING', 'FAILED']);
  });

  it('invokes Lambda resources through invokeLambda, retries a failure and branches on the result', async () => {
    // Prepare
    const machine = {
      StartAt: 'Score',
      States: {
        Score: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:000000000000:function:score-alert',
          Retry: [{ ErrorEquals: ['Lambda.ServiceException'], IntervalSeconds: 1, MaxAttempts: 2 }],
          Next: 'IsHigh',
        },
        IsHigh: {
          Type: 'Choice',
          Choices: [{ Variable: '$.score', NumericGreaterThan: 5, Next: 'High' }],
          Default: 'Low',
        },
        High: { Type: 'Pass', Result: 'high', End: true },
        Low: { Type: 'Fail', Error: 'TooLow' },
      },
    };

    // Act
    const { executionArn } = await startMachine(client, 'scoring', machine, { alert: 'a-1' });
    const described = await waitForCompletion(client, executionArn);

    // Assess
    expect(described.status).toBe('SUCCEEDED');
    expect(described.output).toBe('"high"');
    expect(lambdaCalls.filter((call) => call.name === 'score-alert')).toEqual([
      { name: 'score-alert', payload: { alert: 'a-1' } },
      { name: 'score-alert', payload: { alert: 'a-1' } },
    ]);
    const types = (await historyOf(client, executionArn)).map((event) => event.type);
    expect(types).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionFailed',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('gives $$.State the entered time, name and retry count of the state being run', async () => {
    // Prepare
    const stateFields = {
      'name.$': '$$.State.Name',
      'entered.$': '$$.State.EnteredTime',
      'retries.$': '$$.State.RetryCount',
    };
    const machine = {
      StartAt: 'Measure',
      States: {
        Measure: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:000000000000:function:measure-state',
          Parameters: stateFields,
          Retry: [{ ErrorEquals: ['Lambda.ServiceException'], IntervalSeconds: 1, MaxAttempts: 2 }],
          ResultPath: null,
          Next: 'Note',
        },
        Note: { Type: 'Pass', Parameters: stateFields, End: true },
      },
    };

    // Act
    const { executionArn } = await startMachine(client, 'state-context', machine, {});
    const described = await waitForCompletion(client, executionArn);

    // Assess
    expect(described.status).toBe('SUCCEEDED');
    const history = await historyOf(client, executionArn);
    const enteredAt = (type: string) =>
      history.find((event) => event.type === type)?.timestamp?.toISOString();
    const measureEntered = enteredAt('TaskStateEntered');
    expect(measureEntered).toEqual(expect.any(String));
    expect(lambdaCalls.filter((call) => call.name === 'measure-state').map((call) => call.payload)).toEqual([
      { name: 'Measure', entered: measureEntered, retries: 0 },
      { name: 'Measure', entered: measureEntered, retries: 1 },
    ]);
    expect(JSON.parse(described.output ?? 'null')).toEqual({
      name: 'Note',
      entered: enteredAt('PassStateEntered'),
      retries: 0,
    });
  });
});
