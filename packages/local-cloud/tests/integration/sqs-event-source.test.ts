import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { type LocalCloud, startLocalCloud } from '../../src/index';
import { clientConfig, eventually, FIXTURE_SERVICE, receiveMessages } from '../helpers/fixture';

type SqsRecord = {
  messageId: string;
  body: string;
  attributes: Record<string, string>;
  messageAttributes: Record<string, unknown>;
};

describe('SQS event source', () => {
  const received: SqsRecord[] = [];
  let throwOnce = true;
  // The fixture's consumeWork: reports "poison" as a batch item failure, throws once on "throw-once".
  const consumeWork = async (event: never) => {
    const records = (event as { Records: SqsRecord[] }).Records;
    received.push(...records);
    if (records.some((r) => r.body === 'throw-once') && throwOnce) {
      throwOnce = false;
      throw new Error('transient');
    }
    return {
      batchItemFailures: records
        .filter((r) => r.body === 'poison')
        .map((r) => ({ itemIdentifier: r.messageId })),
    };
  };
  let cloud: LocalCloud;
  let sqs: SQSClient;
  let workUrl: string;

  const depth = async (queueUrl: string) => {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] })
    );
    return (
      Number(Attributes?.ApproximateNumberOfMessages) +
      Number(Attributes?.ApproximateNumberOfMessagesNotVisible)
    );
  };

  beforeAll(async () => {
    cloud = await startLocalCloud({
      services: [FIXTURE_SERVICE],
      functions: { 'fixture-dev-consumeWork': consumeWork },
    });
    sqs = new SQSClient(clientConfig(cloud, cloud.endpoints.sqs));
    workUrl = (await sqs.send(new GetQueueUrlCommand({ QueueName: 'fixture-dev-work' }))).QueueUrl ?? '';
  }, 60_000);

  afterAll(async () => {
    sqs.destroy();
    await cloud.stop();
  });

  it('delivers Lambda-shaped SQS records, deletes successes and redrives a reported failure to the DLQ after maxReceiveCount', async () => {
    // Prepare
    const send = (body: string) =>
      sqs.send(
        new SendMessageCommand({
          QueueUrl: workUrl,
          MessageBody: body,
          MessageAttributes: { kind: { DataType: 'String', StringValue: body } },
        })
      );
    const dlqUrl =
      (await sqs.send(new GetQueueUrlCommand({ QueueName: 'fixture-dev-work-dlq' }))).QueueUrl ?? '';

    // Act
    await Promise.all([send('good-1'), send('poison'), send('good-2')]);

    // Assess
    const [dead] = await receiveMessages(sqs, dlqUrl, 1, 20_000);
    expect(dead?.Body).toBe('poison');
    const poisonDeliveries = received.filter((r) => r.body === 'poison');
    // maxReceiveCount 2: delivered on receive 1 and 2, moved to the DLQ on the third receive.
    expect(poisonDeliveries.map((r) => r.attributes.ApproximateReceiveCount)).toEqual(['1', '2']);
    expect(
      received
        .filter((r) => r.body.startsWith('good'))
        .map((r) => r.body)
        .sort()
    ).toEqual(['good-1', 'good-2']);
    expect(received.find((r) => r.body === 'good-1')).toEqual({
      messageId: expect.any(String),
      receiptHandle: expect.any(String),
      body: 'good-1',
      attributes: expect.objectContaining({
        ApproximateReceiveCount: '1',
        SentTimestamp: expect.any(String),
        SenderId: expect.any(String),
      }),
      messageAttributes: {
        kind: { stringValue: 'good-1', stringListValues: [], binaryListValues: [], dataType: 'String' },
      },
      md5OfMessageAttributes: expect.any(String),
      md5OfBody: expect.stringMatching(/^[0-9a-f]{32}$/),
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:fixture-dev-work',
      awsRegion: 'us-east-1',
    });
    await eventually(async () => expect(await depth(workUrl)).toBe(0));
  }, 60_000);

  it('retries the whole batch when the function throws, then deletes it once it succeeds', async () => {
    // Act
    await sqs.send(new SendMessageCommand({ QueueUrl: workUrl, MessageBody: 'throw-once' }));

    // Assess
    await eventually(() => expect(received.filter((r) => r.body === 'throw-once')).toHaveLength(2), 15_000);
    await eventually(async () => expect(await depth(workUrl)).toBe(0));
    const failed = await cloud.router.deliveries.waitFor(
      (d) => d.source === 'sqs' && d.status === 'failed' && String(d.error).includes('transient')
    );
    expect(failed.target).toBe('fixture-dev-consumeWork');
  }, 60_000);
});
