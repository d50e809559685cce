import '../../helpers/lambda-env';
import { Readable } from 'node:stream';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PublishBatchCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { fakeContext } from '@vigil/lambda-kit/testing';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { parseConfig } from '../../../src/config';
import { createIngestLogFiles } from '../../../src/handlers/ingest-log-files';
import { stopLoggingRecord } from '../../helpers/alert-fixtures';
import { TEST_ENV } from '../../helpers/lambda-env';
import { gzipLog, s3NotificationBody, sqsEvent } from '../../helpers/log-files';
import { MemoryMetrics } from '../../helpers/memory-metrics';

const s3Mock = mockClient(S3Client);
const snsMock = mockClient(SNSClient);
const eventsMock = mockClient(EventBridgeClient);
const sqsMock = mockClient(SQSClient);
const dynamoMock = mockClient(DynamoDBClient);
const documentMock = mockClient(DynamoDBDocumentClient);

const BUCKET = 'org-trail-logs';
const KEY =
  'AWSLogs/111122223333/CloudTrail/eu-west-1/2024/07/31/111122223333_CloudTrail_eu-west-1_20240731T1305Z_a b.json.gz';

function clients() {
  const dynamodb = new DynamoDBClient({ region: 'us-east-1' });
  return {
    dynamodb,
    documentClient: DynamoDBDocumentClient.from(dynamodb),
    s3: new S3Client({ region: 'us-east-1' }),
    sns: new SNSClient({ region: 'us-east-1' }),
    eventBridge: new EventBridgeClient({ region: 'us-east-1' }),
    sqs: new SQSClient({ region: 'us-east-1' }),
  };
}

function serveObject(body: Buffer): void {
  s3Mock.on(GetObjectCommand).callsFake(() => ({ Body: Readable.from([body]) }));
}

beforeEach(() => {
  documentMock.on(ScanCommand).resolves({ Items: [] });
  documentMock.on(GetCommand).resolves({});
  documentMock.on(BatchWriteCommand).resolves({});
  documentMock.on(UpdateCommand).resolves({ Attributes: { pk: 'x' } });
  dynamoMock.on(PutItemCommand).resolves({});
  snsMock.on(PublishBatchCommand).callsFake((input: { PublishBatchRequestEntries: { Id: string }[] }) => ({
    Successful: input.PublishBatchRequestEntries.map((entry) => ({
      Id: entry.Id,
      MessageId: `sns-${entry.Id}`,
    })),
    Failed: [],
  }));
  eventsMock.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e1' }] });
  sqsMock.on(SendMessageCommand).resolves({ MessageId: 'parked-1' });
});

afterEach(() => {
  for (const mock of [s3Mock, snsMock, eventsMock, sqsMock, dynamoMock, documentMock]) mock.reset();
});

describe('ingestLogFiles', () => {
  it('turns a log object announced by S3 into one SNS message and one bus event', async () => {
    // Prepare
    serveObject(gzipLog([stopLoggingRecord()]));
    const metrics = new MemoryMetrics();
    const handler = createIngestLogFiles(parseConfig(TEST_ENV), clients(), metrics);

    // Act
    const response = await handler(sqsEvent([s3NotificationBody(BUCKET, KEY)]), fakeContext());

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(s3Mock).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: BUCKET, Key: KEY });
    expect(snsMock).toHaveReceivedCommandTimes(PublishBatchCommand, 1);
    const [publish] = snsMock.commandCalls(PublishBatchCommand);
    const entry = publish?.args[0].input.PublishBatchRequestEntries?.[0];
    expect(entry?.MessageAttributes?.severity?.StringValue).toBe('HIGH');
    expect(entry?.MessageAttributes?.ruleId?.StringValue).toMatch(/stop-logging/);
    expect(eventsMock).toHaveReceivedCommandTimes(PutEventsCommand, 1);
    const detail = JSON.parse(
      eventsMock.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries?.[0]?.Detail ?? '{}'
    );
    expect(detail.origin).toEqual({ kind: 's3', bucket: BUCKET, key: KEY });
    expect(metrics.counts.get('Files')).toBe(1);
    expect(metrics.counts.get('Records')).toBe(1);
    expect(metrics.alertsBySeverity.get('HIGH')).toBe(1);
    expect(dynamoMock).toHaveReceivedCommand(PutItemCommand); // the idempotency record
  });

  it('alerts on the good records of a log with bad ones, then parks the object with the reason', async () => {
    // Prepare
    serveObject(gzipLog([stopLoggingRecord()], ['{"not":"cloudtrail"}', '{"eventVersion":"1.08",bad}']));
    const metrics = new MemoryMetrics();
    const handler = createIngestLogFiles(parseConfig(TEST_ENV), clients(), metrics);

    // Act
    const response = await handler(sqsEvent([s3NotificationBody(BUCKET, KEY)]), fakeContext());

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(snsMock).toHaveReceivedCommandTimes(PublishBatchCommand, 1);
    expect(sqsMock).toHaveReceivedCommandTimes(SendMessageCommand, 1);
    const parked = sqsMock.commandCalls(SendMessageCommand)[0]?.args[0].input;
    expect(parked?.QueueUrl).toBe(TEST_ENV.LOG_FILE_DLQ_URL);
    expect(JSON.parse(parked?.MessageBody ?? '{}')).toEqual({ s3Bucket: BUCKET, s3ObjectKey: [KEY] });
    expect(parked?.MessageAttributes?.['vigil-error-code']?.StringValue).toBe('LOG_PARSE_ERRORS');
    expect(parked?.MessageAttributes?.['vigil-error-reason']?.StringValue).toMatch(/2 invalid records/);
    expect(metrics.counts.get('ParseErrors')).toBe(2);
  });

  it('fails only the message whose alerts could not be published', async () => {
    // Prepare
    serveObject(gzipLog([stopLoggingRecord()]));
    snsMock
      .on(PublishBatchCommand)
      .rejects(Object.assign(new Error('boom'), { name: 'InternalErrorException' }));
    const handler = createIngestLogFiles(parseConfig(TEST_ENV), clients(), new MemoryMetrics());
    const event = sqsEvent([s3NotificationBody(BUCKET, KEY)]);

    // Act
    const response = await handler(event, fakeContext());

    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: event.Records[0]?.messageId }]);
    expect(sqsMock).not.toHaveReceivedCommand(SendMessageCommand);
  });

  it('skips digest files without reading them', async () => {
    // Prepare
    const metrics = new MemoryMetrics();
    const handler = createIngestLogFiles(parseConfig(TEST_ENV), clients(), metrics);
    const digestKey = 'AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/07/31/d.json.gz';

    // Act
    const response = await handler(sqsEvent([s3NotificationBody(BUCKET, digestKey)]), fakeContext());

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(s3Mock).not.toHaveReceivedCommand(GetObjectCommand);
    expect(metrics.counts.get('DigestSkipped')).toBe(1);
  });

  it('parks a message that is no known trigger, as received', async () => {
    // Prepare
    const handler = createIngestLogFiles(parseConfig(TEST_ENV), clients(), new MemoryMetrics());
    const body = JSON.stringify({ hello: 'world' });

    // Act
    const response = await handler(sqsEvent([body]), fakeContext());

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(sqsMock).toHaveReceivedCommandWith(SendMessageCommand, { MessageBody: body });
  });
});
