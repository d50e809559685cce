import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  InvalidToken,
  SendTaskSuccessCommand,
  type SFNClient,
  StopExecutionCommand,
  TaskTimedOut,
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
  startMachine,
  waitForCompletion,
} from '../fixtures/stepfunctions/sfn-harness';

// The workspace's integration timeout is not applied to projects by jest 30; long waits need it.
jest.setTimeout(60_000);

const TABLE = 'sfn-callback-tokens';

function storeTokenMachine(extra: Record<string, unknown>, next: Record<string, unknown>) {
  return {
    StartAt: 'StoreToken',
    States: {
      StoreToken: {
        Type: 'Task',
        Resource: 'arn:aws:states:::dynamodb:putItem.waitForTaskToken',
        Parameters: {
          TableName: TABLE,
          Item: { pk: { 'S.$': '$.orderId' }, token: { 'S.$': '$$.Task.Token' } },
        },
        ResultPath: '$.callback',
        ...extra,
      },
      ...next,
    },
  };
}

describe('Step Functions facade: task tokens', () => {
  let dynamodb: DynamoDbLocal;
  let facade: StepFunctionsFacade;
  let client: SFNClient;
  const sink = createEventSink();

  beforeAll(async () => {
    dynamodb = await startDynamoDbLocal();
    await dynamodb.createTable(TABLE, 'pk');
    facade = await startStepFunctionsFacade({
      port: 0,
      dynamodbEndpoint: dynamodb.endpoint,
      publishEvents: sink.publishEvents,
    });
    client = createSfnClient(facade.url);
  });

  afterAll(async () => {
    client?.destroy();
    await facade?.stop();
    await dynamodb?.stop();
  });

  const readToken = (orderId: string) =>
    eventually(async () => {
      const { Item } = await dynamodb.client.send(
        new GetItemCommand({ TableName: TABLE, Key: { pk: { S: orderId } } })
      );
      return Item?.token?.S;
    }, `the task token of ${orderId} in DynamoDB`);

  it('stores $$.Task.Token with putItem.waitForTaskToken and resumes on SendTaskSuccess', async () => {
    // Prepare
    const machine = storeTokenMachine({ Next: 'Done' }, { Done: { Type: 'Succeed' } });
    const { executionArn } = await startMachine(client, 'store-token', machine, { orderId: 'order-1' });
    const token = await readToken('order-1');

    // Act
    await client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"approved":true}' }));
    const described = await waitForCompletion(client, executionArn);

    // Assess
    expect(token.length).toBeGreaterThan(100);
    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output ?? '{}')).toEqual({
      orderId: 'order-1',
      callback: { approved: true },
    });
    const history = await historyOf(client, executionArn);
    expect(history.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    expect(history.map((event) => [event.id, event.previousEventId])).toEqual(
      history.map((_, i) => [i + 1, i])
    );
    expect(history[2]?.taskScheduledEventDetails).toMatchObject({
      resourceType: 'dynamodb',
      resource: 'putItem.waitForTaskToken',
      region: 'us-east-1',
    });
    expect(JSON.parse(history[2]?.taskScheduledEventDetails?.parameters ?? '{}').Item.token.S).toBe(token);
    expect(history[5]?.taskSucceededEventDetails?.output).toBe('{"approved":true}');
    expect(history[0]?.timestamp).toBeInstanceOf(Date);
  });

  it('rejects a second SendTaskSuccess on the same token and an unknown token', async () => {
    // Prepare
    const machine = storeTokenMachine({ End: true }, {});
    const { executionArn } = await startMachine(client, 'single-use-token', machine, { orderId: 'order-2' });
    const token = await readToken('order-2');
    await client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));
    await waitForCompletion(client, executionArn);

    // Act
    const second = client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));
    const unknown = client.send(new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' }));

    // Assess
    await expect(second).rejects.toBeInstanceOf(TaskTimedOut);
    await expect(unknown).rejects.toBeInstanceOf(InvalidToken);
  });

  it('routes a timed-out wait to the Catch path with States.Timeout', async () => {
    // Prepare
    const machine = storeTokenMachine(
      {
        TimeoutSeconds: 1,
        Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.failure', Next: 'Escalate' }],
        End: true,
      },
      { Escalate: { Type: 'Pass', Result: 'escalated', ResultPath: '$.next', End: true } }
    );

    // Act
    const { executionArn } = await startMachine(client, 'timed-out-wait', machine, { orderId: 'order-3' });
    const token = await readToken('order-3');
    const described = await waitForCompletion(client, executionArn);

    // Assess
    expect(described.status).toBe('SUCCEEDED');
    const output = JSON.parse(described.output ?? '{}');
    expect(output.failure.Error).toBe('States.Timeout');
    expect(output.next).toBe('escalated');
    const types = (await historyOf(client, executionArn)).map((event) => event.type);
    expect(types.slice(4)).toEqual([
      'TaskSubmitted',
      'TaskTimedOut',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    await expect(
      client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))
    ).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it('fails the execution with States.Timeout when HeartbeatSeconds pass without a heartbeat', async () => {
    // Prepare
    const machine = storeTokenMachine({ HeartbeatSeconds: 1, End: true }, {});

    // Act
    const { executionArn } = await startMachine(client, 'missed-heartbeat', machine, { orderId: 'order-4' });
    const described = await waitForCompletion(client, executionArn);

    // Assess

    expect(described.status).toBe('FAILED');
    expect(described.error).toBe('States.Timeout');
    const types = (await historyOf(client, executionArn)).map((event) => event.type);
    expect(types.slice(-2)).toEqual(['TaskTimedOut', 'ExecutionFailed']);
  });

  it('publishes a status-change event for every status, as Step Functions sends it to EventBridge', async () => {
    // Prepare
    const machine = storeTokenMachine({ End: true }, {});
    const { executionArn, stateMachineArn } = await startMachine(client, 'stopped', machine, {
      orderId: 'order-5',
    });
    const token = await readToken('order-5');

    // Act
    await client.send(new StopExecutionCommand({ executionArn, error: 'Cancelled', cause: 'by the test' }));
    const described = await waitForCompletion(client, executionArn);
    const statuses = await eventually(
      async () => (sink.statusesOf(executionArn).length === 2 ? sink.statusesOf(executionArn) : undefined),
      'two status events'
    );

    // Assess
    expect(described.status).toBe('ABORTED');
    expect(statuses).toEqual(['RUNNING', 'ABORTED']);
    const aborted = sink.entries.find(
      (entry) => entry.Resources?.includes(executionArn) && entry.Detail?.includes('ABORTED')
    );
    expect(aborted).toMatchObject({
      Source: 'aws.states',
      EventBusName: 'default',
      Resources: [executionArn],
    });
    expect(JSON.parse(aborted?.Detail ?? '{}')).toMatchObject({
      executionArn,
      stateMachineArn,
      name: executionArn.split(':').pop(),
      status: 'ABORTED',
      input: '{"orderId":"order-5"}',
      output: null,
      error: 'Cancelled',
      cause: 'by the test',
      startDate: expect.any(Number),
      stopDate: expect.any(Number),
    });
    expect((await historyOf(client, executionArn)).at(-1)?.executionAbortedEventDetails).toEqual({
      error: 'Cancelled',
      cause: 'by the test',
    });
    await expect(
      client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))
    ).rejects.toBeInstanceOf(TaskTimedOut);
  });
});
