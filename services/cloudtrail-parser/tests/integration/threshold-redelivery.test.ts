import '../helpers/lambda-env';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { fakeContext } from '@vigil/lambda-kit/testing';
import { type LocalCloud, startLocalCloud } from '@vigil/local-cloud';
import type { AwsClients } from '../../src/adapters/aws-clients';
import { createDynamoDbRuleStateStore } from '../../src/adapters/dynamodb-rule-state-store';
import { parseConfig } from '../../src/config';
import { createIngestLogFiles } from '../../src/handlers/ingest-log-files';
import { TEST_ENV } from '../helpers/lambda-env';
import { gzipLog, s3NotificationBody, sqsEvent } from '../helpers/log-files';
import { MemoryMetrics } from '../helpers/memory-metrics';

// At-least-once delivery meets stateful rules: a log whose alerts could not be published is processed
// again, and the threshold/dedup state its first pass left behind must not swallow the alert.
const STAGE = 'itr';
const BUCKET = 'itr-trail-logs';
const RULE_ID = 'signin-console-login-failure-burst';
const FIRING_EVENT = 'fa11ed00-0000-4000-8000-000000000005';

/** A failed console sign-in from one address (the built-in burst rule counts 5 within 10 minutes). */
function failedSignIn(index: number): Record<string, unknown> {
  return {
    eventVersion: '1.09',
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333' },
    eventTime: `2024-05-14T10:1${index}:00Z`,
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.23',
    userAgent: 'Mozilla/5.0',
    requestParameters: null,
    responseElements: { ConsoleLogin: 'Failure' },
    eventID: `fa11ed00-0000-4000-8000-00000000000${index}`,
    eventType: 'AwsConsoleSignIn',
    recipientAccountId: '111122223333',
  };
}

/** The firing event ids of the burst rule's alerts among captured SNS notifications or bus events. */
function burstAlerts(messages: readonly Message[], from: 'sns' | 'bus'): string[] {
  return messages.flatMap((message) => {
    const body = JSON.parse(message.Body ?? '{}');
    if (from === 'bus') {
      const alert = body.detail;
      return alert.ruleId === RULE_ID && alert.threshold?.count === 5 ? [alert.event.eventID] : [];
    }
    if (body.MessageAttributes?.ruleId?.Value !== RULE_ID) return [];
    return [/ · event (\S+) · /.exec(body.Message)?.[1] ?? 'no event id'];
  });
}

describe('stateful rules on local-cloud when delivery fails', () => {
  let cloud: LocalCloud;
  let clients: AwsClients;
  let sqs: SQSClient;
  let snsCapture: string;
  let busCapture: string;
  let alertTopicArn: string;

  beforeAll(async () => {
    cloud = await startLocalCloud({ stage: STAGE, services: ['platform', 'cloudtrail-parser'] });
    Object.assign(process.env, cloud.env());
    const endpoint = (url: string) => ({
      endpoint: url,
      region: cloud.region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const dynamodb = new DynamoDBClient(endpoint(cloud.endpoints.dynamodb));
    sqs = new SQSClient(endpoint(cloud.endpoints.sqs));
    clients = {
      dynamodb,
      documentClient: DynamoDBDocumentClient.from(dynamodb, {
        marshallOptions: { removeUndefinedValues: true },
      }),
      s3: new S3Client({ ...endpoint(cloud.endpoints.s3), forcePathStyle: true }),
      sns: new SNSClient(endpoint(cloud.endpoints.sns)),
      eventBridge: new EventBridgeClient(endpoint(cloud.endpoints.events)),
      sqs,
    };
    // A bucket without notifications: the test delivers the queue messages to the handler itself.
    await clients.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    alertTopicArn = `arn:aws:sns:${cloud.region}:${cloud.accountId}:vigil-${STAGE}-alerts`;
    snsCapture = (await sqs.send(new CreateQueueCommand({ QueueName: 'itr-sns-capture' }))).QueueUrl ?? '';
    busCapture = (await sqs.send(new CreateQueueCommand({ QueueName: 'itr-bus-capture' }))).QueueUrl ?? '';
    await clients.sns.send(
      new SubscribeCommand({ TopicArn: alertTopicArn, Protocol: 'sqs', Endpoint: await queueArn(snsCapture) })
    );
    await clients.eventBridge.send(
      new PutRuleCommand({
        Name: 'itr-alerts',
        EventBusName: `vigil-${STAGE}`,
        EventPattern: JSON.stringify({ source: ['vigil.cloudtrail'], 'detail-type': ['Vigil Alert'] }),
      })
    );
    await clients.eventBridge.send(
      new PutTargetsCommand({
        Rule: 'itr-alerts',
        EventBusName: `vigil-${STAGE}`,
        Targets: [{ Id: 'q', Arn: await queueArn(busCapture) }],
      })
    );
  }, 120_000);

  afterAll(async () => {
    await cloud?.stop();
  });

  /** ingestLogFiles over the local tables; `topicArn` lets a test make SNS publishing fail. */
  async function handlerPublishingTo(topicArn: string) {
    const dlq =
      (await sqs.send(new GetQueueUrlCommand({ QueueName: `vigil-${STAGE}-cloudtrail-log-files-dlq` })))
        .QueueUrl ?? '';
    const settings = parseConfig({
      ...TEST_ENV,
      STAGE,
      ALERT_TOPIC_ARN: topicArn,
      EVENT_BUS_NAME: `vigil-${STAGE}`,
      IDEMPOTENCY_TABLE_NAME: `vigil-${STAGE}-ct-idempotency`,
      RULE_STATE_TABLE_NAME: `vigil-${STAGE}-ct-rule-state`,
      PRINCIPALS_TABLE_NAME: `vigil-${STAGE}-ct-principals`,
      WATCHLIST_TABLE_NAME: `vigil-${STAGE}-ct-watchlist`,
      ACCOUNTS_TABLE_NAME: `vigil-${STAGE}-accounts`,
      LOG_FILE_DLQ_URL: dlq,
    });
    return createIngestLogFiles(settings, clients, new MemoryMetrics());
  }

  async function putLog(key: string, records: Record<string, unknown>[]) {
    await clients.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: gzipLog(records) }));
    return sqsEvent([s3NotificationBody(BUCKET, key)]);
  }

  it('alerts exactly once for a burst whose log is delivered twice after publishing failed', async () => {
    // Prepare: the burst starts in one log and reaches 5 failures in the next.
    const earlier = await putLog('AWSLogs/111122223333/CloudTrail/us-east-1/a.json.gz', [
      failedSignIn(1),
      failedSignIn(2),
    ]);
    const later = await putLog('AWSLogs/111122223333/CloudTrail/us-east-1/b.json.gz', [
      failedSignIn(3),
      failedSignIn(4),
      failedSignIn(5),
      failedSignIn(6),
    ]);
    const failing = await handlerPublishingTo(`${alertTopicArn}-missing`);
    const working = await handlerPublishingTo(alertTopicArn);

    // Act
    const first = await working(earlier, fakeContext());
    const failed = await failing(later, fakeContext());
    const afterFailure = await receive(snsCapture, 2_000);
    const redelivered = await working(later, fakeContext());
    const fromSns = burstAlerts([...afterFailure, ...(await receive(snsCapture, 4_000))], 'sns');
    const fromBus = burstAlerts(await receive(busCapture, 4_000), 'bus');

    // Assess
    expect(first.batchItemFailures).toEqual([]);
    expect(failed.batchItemFailures).toHaveLength(1);
    expect(burstAlerts(afterFailure, 'sns')).toEqual([]);
    expect(redelivered.batchItemFailures).toEqual([]);
    expect(fromSns).toEqual([FIRING_EVENT]);
    expect(fromBus).toEqual([FIRING_EVENT]);
  });

  it('keeps threshold and dedup state idempotent per event in DynamoDB Local', async () => {
    // Prepare: a table of its own, created like the stack's rule-state table.
    const tableName = await createRuleStateTable('itr-rule-state');
    const store = createDynamoDbRuleStateStore(clients.documentClient, { tableName, now: () => 0 });
    const minute = 60_000;
    const window = 10 * minute;
    const hit = (id: string, atMinute: number) => store.hitThreshold('k', id, atMinute * minute, window, 3);

    // Act
    const firstLog = [await hit('e1', 1), await hit('e2', 2)];
    const secondLog = [await hit('e3', 3), await hit('e4', 4)];
    const secondAgain = [await hit('e3', 3), await hit('e4', 4)];
    const firstAgain = [await hit('e1', 1), await hit('e2', 2)];
    const nextNew = await hit('e5', 5);
    const claims = [
      await store.claimDedup('d', 'e3', 3 * minute, window),
      await store.claimDedup('d', 'e3', 3 * minute, window),
      await store.claimDedup('d', 'e4', 4 * minute, window),
      await store.claimDedup('d', 'e9', 14 * minute, window),
    ];

    // Assess
    expect(firstLog).toEqual([
      { count: 1, fires: false },
      { count: 2, fires: false },
    ]);
    expect(secondLog).toEqual([
      { count: 3, fires: true },
      { count: 1, fires: false },
    ]);
    expect(secondAgain).toEqual(secondLog);
    expect(firstAgain).toEqual([
      { count: 0, fires: false },
      { count: 0, fires: false },
    ]);
    expect(nextNew).toEqual({ count: 2, fires: false });
    expect(claims).toEqual([true, true, false, true]);
  });

  it('fires a burst once when two Lambdas count its last events at the same moment', async () => {
    // Prepare: a table of its own, and a client that holds each firing until both counts are in, the
    // interleaving two Lambdas on one burst can produce (count, count, fire, fire).
    const tableName = await createRuleStateTable('itr-rule-race');
    let counted = 0;
    let bothCounted: () => void = () => undefined;
    const countsIn = new Promise<void>((resolve) => {
      bothCounted = resolve;
    });
    const racing = {
      send: async (command: { input: Record<string, unknown> }) => {
        const isCount = command.input.ReturnValues === 'ALL_NEW';
        if (!isCount && counted >= 3) await countsIn;
        const result = await clients.documentClient.send(command as never);
        if (isCount && ++counted === 4) bothCounted();
        return result;
      },
    } as unknown as DynamoDBDocumentClient;
    const store = createDynamoDbRuleStateStore(racing, { tableName, now: () => 0 });
    const minute = 60_000;
    const hit = (id: string, atMinute: number) =>
      store.hitThreshold('k', id, atMinute * minute, 10 * minute, 3);
    await hit('e1', 1);
    await hit('e2', 2);

    // Act
    const [third, fourth] = await Promise.all([hit('e3', 3), hit('e4', 4)]);

    // Assess
    expect([third.fires, fourth.fires].filter(Boolean)).toHaveLength(1);
    expect([third, fourth].find((result) => result.fires)?.count).toBeGreaterThanOrEqual(3);
  });

  /** A table like the stack's rule-state table, named `<prefix>-<now>`. */
  async function createRuleStateTable(prefix: string): Promise<string> {
    const tableName = `${prefix}-${Date.now()}`;
    await clients.dynamodb.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      })
    );
    return tableName;
  }

  async function queueArn(url: string): Promise<string> {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] })
    );
    return Attributes?.QueueArn ?? '';
  }

  /** Every message that arrives on `url` within `timeoutMs`. */
  async function receive(url: string, timeoutMs: number): Promise<Message[]> {
    const messages: Message[] = [];
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 })
      );
      messages.push(...(Messages ?? []));
    }
    return messages;
  }
});
