import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { fakeContext, invokeHandler } from '@vigil/lambda-kit/testing';
import type { SQSBatchResponse } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { bridgeEvent, CHOREOGRAPHIES_DIR } from '../../helpers/models';

const DLQ_URL = 'http://127.0.0.1:1/000000000000/vigil-dev-choreography-dlq';
Object.assign(process.env, {
  TOKENS_TABLE_NAME: 'vigil-dev-choreography-tokens',
  STATE_MACHINE_ARN_PREFIX: 'arn:aws:states:us-east-1:000000000000:stateMachine:vigil-dev-choreography-',
  EVENT_BUS_NAME: 'vigil-dev',
  DEAD_LETTER_QUEUE_URL: DLQ_URL,
  CHOREOGRAPHIES_DIR,
});

const dynamodb = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);
const sqs = mockClient(SQSClient);

// The handler reads its configuration at import: load it after the environment above.
const { main } =
  require('../../../src/handlers/forward-event') as typeof import('../../../src/handlers/forward-event');

function sqsEvent(...bodies: unknown[]) {
  return {
    Records: bodies.map((body, index) => ({
      messageId: `m-${index}`,
      receiptHandle: 'r',
      body: JSON.stringify(body),
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '1',
        SenderId: 's',
        ApproximateFirstReceiveTimestamp: '1',
      },
      messageAttributes: {},
      md5OfBody: 'x',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:vigil-dev-choreography-forward',
      awsRegion: 'us-east-1',
    })),
  };
}

const token = {
  pk: 'order#o-1',
  sk: 'TOKEN',
  token: 'token-1',
  state: 'AwaitingPayment',
  choreography: 'order',
  correlationId: 'o-1',
  executionArn: 'arn:aws:states:us-east-1:000000000000:execution:vigil-dev-choreography-order:o-1',
  enteredAt: '2026-01-01T00:00:00.000Z',
  ttl: 2_000_000_000,
};

afterEach(() => {
  dynamodb.reset();
  sfn.reset();
  sqs.reset();
});

describe('forward-event handler', () => {
  it('sends the event to the waiting state with SendTaskSuccess', async () => {
    // Prepare
    dynamodb.on(GetCommand).resolves({ Item: token });
    dynamodb.on(TransactWriteCommand).resolves({});
    dynamodb.on(UpdateCommand).resolves({});
    sfn.on(SendTaskSuccessCommand).resolves({});

    // Act
    const result = await invokeHandler<SQSBatchResponse>(
      main,
      sqsEvent(bridgeEvent('Payment Succeeded', 'com.example.payments', { order_id: 'o-1' }, 'evt-1')),
      fakeContext()
    );

    // Assess
    expect(result.batchItemFailures).toEqual([]);
    expect(dynamodb).toHaveReceivedCommandWith(GetCommand, {
      Key: { pk: 'order#o-1', sk: 'TOKEN' },
      ConsistentRead: true,
    });
    expect(sfn).toHaveReceivedCommandWith(SendTaskSuccessCommand, { taskToken: 'token-1' });
    const output = JSON.parse(String(sfn.commandCalls(SendTaskSuccessCommand)[0]?.args[0].input.output));
    expect(output).toMatchObject({
      id: 'evt-1',
      detailType: 'Payment Succeeded',
      detail: { order_id: 'o-1' },
    });
  });

  it('parks an event without a correlation id in the DLQ with the reason, and the batch succeeds', async () => {
    // Prepare
    sqs.on(SendMessageCommand).resolves({});

    // Act
    const result = await invokeHandler<SQSBatchResponse>(
      main,
      sqsEvent(bridgeEvent('Payment Succeeded', 'com.example.payments', { orderId: 'o-1' })),
      fakeContext()
    );

    // Assess
    expect(result.batchItemFailures).toEqual([]);
    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, {
      QueueUrl: DLQ_URL,
      MessageAttributes: expect.objectContaining({
        errorCode: { DataType: 'String', StringValue: 'INVALID_WORKFLOW_EVENT' },
        reason: {
          DataType: 'String',
          StringValue: expect.stringMatching(/no correlation id at detail\.order_id/),
        },
      }),
    });
    expect(dynamodb).not.toHaveReceivedCommand(GetCommand);
  });

  it('parks a body that is not an EventBridge event', async () => {
    // Prepare
    sqs.on(SendMessageCommand).resolves({});

    // Act
    const result = await invokeHandler<SQSBatchResponse>(main, sqsEvent({ hello: 'world' }), fakeContext());

    // Assess
    expect(result.batchItemFailures).toEqual([]);
    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, {
      MessageAttributes: expect.objectContaining({
        reason: { DataType: 'String', StringValue: expect.stringMatching(/^not an EventBridge event/) },
      }),
    });
  });

  it('fails only the record whose token lookup failed, so SQS redelivers it', async () => {
    // Prepare
    dynamodb
      .on(GetCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));

    // Act
    const result = await invokeHandler<SQSBatchResponse>(
      main,
      sqsEvent(bridgeEvent('Payment Succeeded', 'com.example.payments', { order_id: 'o-1' })),
      fakeContext()
    );

    // Assess
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm-0' }]);
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
  });
});
