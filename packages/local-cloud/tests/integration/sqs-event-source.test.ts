import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { type LambdaLike, type LocalCloud, startLocalCloud } from '../../src/index';
import { createAwsClients } from '../../src/router/aws-clients';
import { DeliveryLog } from '../../src/router/delivery-log';
import { createLambdaInvoker } from '../../src/router/lambda-invoker';
import { SqsEventSource } from '../../src/router/sqs-event-source';
import { clientConfig, eventually, FIXTURE_SERVICE, receiveMessages } from '../helpers/fixture';

/** A handler that holds every invocation until `open()` (or `inFlight` reaches `openAt`), counting them. */
function gatedFunction(openAt = Number.POSITIVE_INFINITY) {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const state = { inFlight: 0, maxInFlight: 0, bodies: [] as string[], open };
  const handler = async (event: never) => {
    state.inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    if (state.inFlight >= openAt) open();
    await gate;
    for (const record of (event as { Records: { body: string }[] }).Records) state.bodies.push(record.body);
    state.inFlight -= 1;
    return null;
  };
  return { state, handler };
}

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

  const functions: Record<string, LambdaLike> = { 'fixture-dev-consumeWork': consumeWork };
  const createQueue = async (name: string) => {
    const { QueueUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
    return { url: QueueUrl, arn: `arn:aws:sqs:${cloud.region}:${cloud.accountId}:${name}` };
  };
  const sendBodies = (queueUrl: string, bodies: string[]) =>
    sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: bodies.map((body, index) => ({ Id: String(index), MessageBody: body })),
      })
    );

  beforeAll(async () => {
    cloud = await startLocalCloud({ services: [FIXTURE_SERVICE], functions });
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

  it('invokes up to maximumConcurrency batches at once, one per poller', async () => {
    // Prepare: each invocation waits until three are in flight, which one poller alone never reaches.
    const gated = gatedFunction(3);
    functions['gated-three'] = gated.handler;
    const queue = await createQueue('gated-three');
    cloud.router.addSqsEventSource({
      queueArn: queue.arn,
      functionName: 'gated-three',
      batchSize: 1,
      maximumConcurrency: 3,
    });

    // Act
    await sendBodies(queue.url, ['m1', 'm2', 'm3', 'm4', 'm5', 'm6']);

    // Assess
    await eventually(() => expect(gated.state.bodies).toHaveLength(6), 20_000);
    expect(gated.state.bodies.sort()).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    expect(gated.state.maxInFlight).toBe(3);
    await eventually(async () => expect(await depth(queue.url)).toBe(0));
  }, 60_000);

  it('stops only once every poller has invoked and deleted its batch', async () => {
    // Prepare
    const gated = gatedFunction();
    const queue = await createQueue('held');
    const clients = createAwsClients({
      region: cloud.region,
      fauxqsUrl: cloud.endpoints.sqs,
      dynamodbUrl: cloud.endpoints.dynamodb,
      stepFunctionsUrl: cloud.endpoints.stepfunctions,
    });
    const invoker = createLambdaInvoker({
      functions: { held: gated.handler },
      region: cloud.region,
      accountId: cloud.accountId,
    });
    const log = new DeliveryLog();
    const source = new SqsEventSource(
      { queueArn: queue.arn, functionName: 'held', batchSize: 1, maximumConcurrency: 2 },
      { clients, invoker, log, region: cloud.region }
    );
    source.start();
    await sendBodies(queue.url, ['h1', 'h2']);
    await eventually(() => expect(gated.state.inFlight).toBe(2), 20_000);

    // Act
    let isStopped = false;
    const stopping = source.stop().then(() => {
      isStopped = true;
    });
    await nextTurn();
    const wasStoppedWhileHeld = isStopped;
    gated.state.open();
    await stopping;

    // Assess
    expect(wasStoppedWhileHeld).toBe(false);
    expect(gated.state.bodies.sort()).toEqual(['h1', 'h2']);
    expect(log.list().filter((d) => d.status === 'delivered')).toHaveLength(2);
    expect(await depth(queue.url)).toBe(0);
    clients.destroy();
  }, 60_000);
});
