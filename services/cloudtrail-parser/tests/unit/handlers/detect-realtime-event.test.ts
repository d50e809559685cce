import '../../helpers/lambda-env';
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { PublishBatchCommand, SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { CloudTrailRealtimeEventSchema } from '@vigil/event-schema';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { parseConfig } from '../../../src/config';
import { createDetectRealtimeEvent } from '../../../src/handlers/detect-realtime-event';
import { stopLoggingRecord } from '../../helpers/alert-fixtures';
import { TEST_ENV } from '../../helpers/lambda-env';
import { MemoryMetrics } from '../../helpers/memory-metrics';

const snsMock = mockClient(SNSClient);
const eventsMock = mockClient(EventBridgeClient);
const documentMock = mockClient(DynamoDBDocumentClient);

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

function apiCallEvent(detail: Record<string, unknown>) {
  return CloudTrailRealtimeEventSchema.parse({
    version: '0',
    id: '6f87d04b-9f74-4f04-a780-7acf4b0a9b38',
    'detail-type': 'AWS API Call via CloudTrail',
    source: 'aws.cloudtrail',
    account: '111122223333',
    time: '2024-07-31T13:00:00Z',
    region: 'eu-west-1',
    resources: [],
    detail,
  });
}

beforeEach(() => {
  documentMock.on(ScanCommand).resolves({ Items: [] });
  documentMock.on(GetCommand).resolves({});
  documentMock.on(BatchWriteCommand).resolves({});
  snsMock.on(PublishBatchCommand).resolves({ Successful: [{ Id: 'm0', MessageId: 's' }], Failed: [] });
  eventsMock.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e' }] });
});

afterEach(() => {
  for (const mock of [snsMock, eventsMock, documentMock]) mock.reset();
});

describe('detectRealtimeEvent', () => {
  it('runs the API call through the engine and publishes a real-time alert', async () => {
    // Prepare
    documentMock.on(UpdateCommand).resolves({ Attributes: { pk: 'x' } });
    const metrics = new MemoryMetrics();
    const handler = createDetectRealtimeEvent(parseConfig(TEST_ENV), clients(), metrics);

    // Act
    const summary = await handler(apiCallEvent(stopLoggingRecord()));

    // Assess
    expect(summary.published).toBe(1);
    expect(snsMock).toHaveReceivedCommandTimes(PublishBatchCommand, 1);
    const detail = JSON.parse(
      eventsMock.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries?.[0]?.Detail ?? '{}'
    );
    expect(detail.origin).toEqual({
      kind: 'realtime',
      eventBridgeId: '6f87d04b-9f74-4f04-a780-7acf4b0a9b38',
    });
    expect(metrics.alertsBySeverity.get('HIGH')).toBe(1);
  });

  it('stays quiet when the ledger says the alert already went out (its log-file twin)', async () => {
    // Prepare
    documentMock
      .on(UpdateCommand)
      .rejects(
        new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} })
      );
    const handler = createDetectRealtimeEvent(parseConfig(TEST_ENV), clients(), new MemoryMetrics());

    // Act
    const summary = await handler(apiCallEvent(stopLoggingRecord()));

    // Assess
    expect(summary).toMatchObject({ matches: 1, published: 0, duplicates: 1 });
    expect(snsMock).not.toHaveReceivedCommand(PublishBatchCommand);
    expect(eventsMock).not.toHaveReceivedCommand(PutEventsCommand);
  });
});
