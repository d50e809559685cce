import '../helpers/lambda-env';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type LambdaLike, type LocalCloud, startLocalCloud } from '@vigil/local-cloud';
import { parseConfig } from '../../src/config';
import { createIngestLogFiles } from '../../src/handlers/ingest-log-files';
import { stopLoggingRecord } from '../helpers/alert-fixtures';
import { TEST_ENV } from '../helpers/lambda-env';
import { gzipLog } from '../helpers/log-files';
import { MemoryMetrics } from '../helpers/memory-metrics';

// The whole ingestion path on local-cloud: S3 put → bucket notification → SQS → ingestLogFiles (in process)
// → SNS alert topic and the vigil bus, captured by queues subscribed to both.
const STAGE = 'it';
const KEY =
  'AWSLogs/000000000000/CloudTrail/us-east-1/2024/07/31/000000000000_CloudTrail_us-east-1_20240731T1305Z_x.json.gz';

describe('ingestLogFiles on local-cloud', () => {
  let cloud: LocalCloud;
  let sqs: SQSClient;
  let s3: S3Client;
  let bucket: string;
  let snsCapture: string;
  let busCapture: string;
  let logFileQueue: string;
  const metrics = new MemoryMetrics();
  let ingest: LambdaLike | undefined;

  beforeAll(async () => {
    cloud = await startLocalCloud({
      stage: STAGE,
      services: ['platform', 'cloudtrail-parser'],
      functions: {
        [`vigil-cloudtrail-${STAGE}-ingestLogFiles`]: (event, context) => {
          if (ingest === undefined) throw new Error('handler not ready');
          return ingest(event, context);
        },
      },
    });
    Object.assign(process.env, cloud.env());
    const endpoint = (url: string) => ({
      endpoint: url,
      region: cloud.region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    sqs = new SQSClient(endpoint(cloud.endpoints.sqs));
    s3 = new S3Client({ ...endpoint(cloud.endpoints.s3), forcePathStyle: true });
    const sns = new SNSClient(endpoint(cloud.endpoints.sns));
    const events = new EventBridgeClient(endpoint(cloud.endpoints.events));
    const dynamodb = new DynamoDBClient(endpoint(cloud.endpoints.dynamodb));

    bucket = `vigil-${STAGE}-cloudtrail-${cloud.accountId}-${cloud.region}`;
    logFileQueue =
      (await sqs.send(new GetQueueUrlCommand({ QueueName: `vigil-${STAGE}-cloudtrail-log-files` })))
        .QueueUrl ?? '';
    const dlq =
      (await sqs.send(new GetQueueUrlCommand({ QueueName: `vigil-${STAGE}-cloudtrail-log-files-dlq` })))
        .QueueUrl ?? '';
    snsCapture = await captureQueue(sqs, 'it-alerts-capture');
    busCapture = await captureQueue(sqs, 'it-bus-capture');
    const alertTopicArn = `arn:aws:sns:${cloud.region}:${cloud.accountId}:vigil-${STAGE}-alerts`;
    await sns.send(
      new SubscribeCommand({
        TopicArn: alertTopicArn,
        Protocol: 'sqs',
        Endpoint: await queueArn(sqs, snsCapture),
      })
    );
    await events.send(
      new PutRuleCommand({
        Name: 'it-alerts',
        EventBusName: `vigil-${STAGE}`,
        EventPattern: JSON.stringify({ source: ['vigil.cloudtrail'], 'detail-type': ['Vigil Alert'] }),
      })
    );
    await events.send(
      new PutTargetsCommand({
        Rule: 'it-alerts',
        EventBusName: `vigil-${STAGE}`,
        Targets: [{ Id: 'q', Arn: await queueArn(sqs, busCapture) }],
      })
    );

    const settings = parseConfig({
      ...TEST_ENV,
      STAGE,
      ALERT_TOPIC_ARN: alertTopicArn,
      EVENT_BUS_NAME: `vigil-${STAGE}`,
      IDEMPOTENCY_TABLE_NAME: `vigil-${STAGE}-ct-idempotency`,
      RULE_STATE_TABLE_NAME: `vigil-${STAGE}-ct-rule-state`,
      PRINCIPALS_TABLE_NAME: `vigil-${STAGE}-ct-principals`,
      WATCHLIST_TABLE_NAME: `vigil-${STAGE}-ct-watchlist`,
      ACCOUNTS_TABLE_NAME: `vigil-${STAGE}-accounts`,
      LOG_FILE_DLQ_URL: dlq,
    });
    ingest = createIngestLogFiles(
      settings,
      {
        dynamodb,
        documentClient: DynamoDBDocumentClient.from(dynamodb, {
          marshallOptions: { removeUndefinedValues: true },
        }),
        s3,
        sns,
        eventBridge: events,
        sqs,
      },
      metrics
    ) as LambdaLike;
  }, 120_000);

  afterAll(async () => {
    await cloud?.stop();
  });

  it('turns one put object into one SNS message and one bus event, even when notified twice', async () => {
    // Prepare
    const body = gzipLog([stopLoggingRecord('11111111-2222-4333-8444-555555555555')]);

    // Act: S3 notifies the queue; then the same notification arrives a second time.
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: KEY, Body: body }));
    const fromSns = await receiveAtLeast(sqs, snsCapture, 1);
    const fromBus = await receiveAtLeast(sqs, busCapture, 1);
    const notified = cloud.router.deliveries
      .list()
      .find((delivery) => delivery.source === 's3' && delivery.from === bucket);
    const again =
      typeof notified?.payload === 'string' ? notified.payload : JSON.stringify(notified?.payload);
    // The redelivery comes once the first delivery is done (deleted): a copy arriving while it is still in
    // progress is answered IdempotencyAlreadyInProgress and retried after the visibility timeout instead.
    await waitUntilEmpty(sqs, logFileQueue);
    await sqs.send(new SendMessageCommand({ QueueUrl: logFileQueue, MessageBody: again }));
    await waitUntilEmpty(sqs, logFileQueue);
    await cloud.router.settled();
    const lateSns = await receiveAtLeast(sqs, snsCapture, 0, 3_000);
    const lateBus = await receiveAtLeast(sqs, busCapture, 0, 3_000);

    // Assess
    expect(notified?.status).toBe('delivered');
    expect(fromSns).toHaveLength(1);
    expect(fromBus).toHaveLength(1);
    expect(lateSns).toEqual([]);
    expect(lateBus).toEqual([]);
    const notification = JSON.parse(fromSns[0]?.Body ?? '{}');
    expect(notification.Message).toContain('CloudTrail');
    const event = JSON.parse(fromBus[0]?.Body ?? '{}');
    expect(event['detail-type']).toBe('Vigil Alert');
    expect(event.detail.origin).toEqual({ kind: 's3', bucket, key: KEY });
    expect(metrics.counts.get('Files')).toBe(1); // the redelivery was answered by the idempotency record
  });
});

async function captureQueue(sqs: SQSClient, name: string): Promise<string> {
  return (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl ?? '';
}

async function queueArn(sqs: SQSClient, url: string): Promise<string> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] })
  );
  return Attributes?.QueueArn ?? '';
}

/** Messages received within `timeoutMs`, returning as soon as at least `count` (> 0) arrived. */
async function receiveAtLeast(
  sqs: SQSClient,
  url: string,
  count: number,
  timeoutMs = 30_000
): Promise<Message[]> {
  const messages: Message[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 })
    );
    messages.push(...(Messages ?? []));
    if (count > 0 && messages.length >= count) break;
  }
  return messages;
}

async function waitUntilEmpty(sqs: SQSClient, url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      })
    );
    if (
      Attributes?.ApproximateNumberOfMessages === '0' &&
      Attributes?.ApproximateNumberOfMessagesNotVisible === '0'
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`queue ${url} did not drain`);
}
