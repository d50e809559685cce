import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { SendTaskSuccessCommand, type SFNClient } from '@aws-sdk/client-sfn';
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

jest.setTimeout(60_000);

const corpora = path.resolve(__dirname, '../../../../../shared/corpora');
const aslFile = path.join(
  corpora,
  'aws-samples-step-functions-workflows-collection/event-driven-workflow-monitor.statemachine.asl.json'
);
const TABLE = 'workflow-monitor';
const BUS_ARN = 'arn:aws:events:us-east-1:000000000000:event-bus/vigil-test';

if (!existsSync(aslFile)) {
  console.warn(`skipping the reference ASL test: ${aslFile} is absent (shared corpora not mounted)`);
}

(existsSync(aslFile) ? describe : describe.skip)('Step Functions facade: reference ASL (aws-samples)', () => {
  let dynamodb: DynamoDbLocal;
  let facade: StepFunctionsFacade;
  let client: SFNClient;
  const sink = createEventSink();

  beforeAll(async () => {
    dynamodb = await startDynamoDbLocal();
    await dynamodb.createTable(TABLE, 'workflowkey');
    facade = await startStepFunctionsFacade({
      dynamodbEndpoint: dynamodb.endpoint,
      publishEvents: sink.publishEvents,
      // The sample waits 1000 s for "your work"; the override keeps the test short.
      waitTimeOverridesMs: { YourWorkGoesHere: 100 },
    });
    client = createSfnClient(facade.url);
  });

  afterAll(async () => {
    client?.destroy();
    await facade?.stop();
    await dynamodb?.stop();
  });

  it('stores the start token with aws-sdk putItem, publishes the stop token and completes on both callbacks', async () => {
    // Prepare
    const definition = JSON.parse(
      readFileSync(aslFile, 'utf8').replace('<TableName>', TABLE).replace('<EventBusARN>', BUS_ARN)
    );
    const { executionArn } = await startMachine(client, 'workflow-monitor', definition, {
      workflowkey: 'wf-1',
    });
    const startToken = await eventually(async () => {
      const key = { workflowkey: { S: 'wf-1' } };
      const { Item } = await dynamodb.client.send(new GetItemCommand({ TableName: TABLE, Key: key }));
      return Item?.tasktoken?.S;
    }, 'the monitoring token in DynamoDB');
    const stopEvent = await eventually(
      async () => sink.entries.find((entry) => entry.Source === 'workflow.sfn'),
      'the StopWorkflowMonitoring event'
    );

    // Act
    const stopDetail = JSON.parse(stopEvent.Detail ?? '{}');
    await client.send(
      new SendTaskSuccessCommand({ taskToken: stopDetail.tasktoken, output: '{"stopped":true}' })
    );
    await client.send(new SendTaskSuccessCommand({ taskToken: startToken, output: '{"started":true}' }));
    const described = await waitForCompletion(client, executionArn);

    // Assess
    expect(startToken).not.toBe(stopDetail.tasktoken);
    expect(stopEvent).toMatchObject({ DetailType: 'WorkflowMonitoring', EventBusName: BUS_ARN });
    expect(stopDetail).toMatchObject({ message: 'StopWorkflowMonitoring', workflowkey: 'wf-1' });
    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output ?? '[]')).toEqual([{ started: true }, { stopped: true }]);
    const types = (await historyOf(client, executionArn)).map((event) => event.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'ParallelStateEntered',
        'ParallelStateStarted',
        'WaitStateEntered',
        'WaitStateExited',
      ])
    );
    expect(types.filter((type) => type === 'TaskSubmitted')).toHaveLength(2);
    expect(types.slice(-3)).toEqual(['ParallelStateSucceeded', 'ParallelStateExited', 'ExecutionSucceeded']);
  });
});
