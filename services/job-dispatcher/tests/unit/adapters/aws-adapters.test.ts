import {
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  DynamoDBClient,
  ProvisionedThroughputExceededException,
  PutItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDbDispatcherState } from '../../../src/adapters/dynamodb-dispatcher-state';
import { DynamoDbDueJobStore } from '../../../src/adapters/dynamodb-due-job-store';
import { EventBridgePublisher } from '../../../src/adapters/event-bridge-publisher';
import { decodeJobItem, encodeJobItem } from '../../../src/adapters/job-item-codec';
import { ThrottledError } from '../../../src/errors';
import { jobRecord } from '../../helpers/job-fixtures';

const dynamodb = mockClient(DynamoDBClient);
const eventBridge = mockClient(EventBridgeClient);
const entry = { Source: 's', DetailType: 'd', Detail: '{}', EventBusName: 'vigil-dev' };
const noSleep = async () => undefined;

afterEach(() => {
  dynamodb.reset();
  eventBridge.reset();
});

describe('EventBridgePublisher', () => {
  it('maps FailedEntryCount results to per-entry outcomes', async () => {
    // Prepare
    eventBridge.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ EventId: 'e1' }, { ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }],
    });

    // Act
    const results = await new EventBridgePublisher(new EventBridgeClient({})).putEvents([entry, entry]);

    // Assess
    expect(results).toEqual([
      { ok: true, eventId: 'e1' },
      { ok: false, errorCode: 'InternalFailure', errorMessage: 'try again' },
    ]);
  });

  it('turns a ThrottlingException into ThrottledError', async () => {
    // Prepare
    eventBridge
      .on(PutEventsCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));

    // Act
    const put = new EventBridgePublisher(new EventBridgeClient({ maxAttempts: 1 })).putEvents([entry]);

    // Assess
    await expect(put).rejects.toBeInstanceOf(ThrottledError);
    await expect(put).rejects.toMatchObject({ service: 'events', errorCode: 'ThrottlingException' });
  });
});

describe('DynamoDbDueJobStore', () => {
  it('deletes in batches of 25 and retries only the unprocessed items', async () => {
    // Prepare
    const keys = Array.from({ length: 30 }, (_, i) => ({
      pk: 'j#2025-01-01T10:00',
      sk: `2025-01-01T10:00:00.000Z#${i}`,
    }));
    const leftover = {
      DeleteRequest: { Key: { pk: { S: 'j#2025-01-01T10:00' }, sk: { S: '2025-01-01T10:00:00.000Z#3' } } },
    };
    dynamodb
      .on(BatchWriteItemCommand)
      .resolvesOnce({ UnprocessedItems: { jobs: [leftover] } })
      .resolves({});
    const store = new DynamoDbDueJobStore(new DynamoDBClient({}), 'jobs', {
      sleep: noSleep,
      deleteConcurrency: 1,
    });

    // Act
    await store.deleteJobs(keys);

    // Assess
    const calls = dynamodb
      .commandCalls(BatchWriteItemCommand)
      .map((call) => call.args[0].input.RequestItems?.jobs?.length);
    expect(calls).toEqual([25, 1, 5]);
    expect(dynamodb.commandCalls(BatchWriteItemCommand)[1]?.args[0].input.RequestItems?.jobs).toEqual([
      leftover,
    ]);
  });

  it('queries a bucket oldest first, consistently, up to now, and sets corrupt items apart', async () => {
    // Prepare
    const good = jobRecord('good', '2025-01-01T10:00:00Z');
    dynamodb.on(QueryCommand).resolves({
      Items: [encodeJobItem(good), { pk: { S: good.pk }, sk: { S: 'x#bad' }, detail: { S: '{' } }],
    });
    const store = new DynamoDbDueJobStore(new DynamoDBClient({}), 'jobs');

    // Act
    const page = await store.queryDue(good.pk, new Date('2025-01-01T10:01:00Z'));

    // Assess
    expect(dynamodb.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      KeyConditionExpression: 'pk = :pk AND sk <= :due',
      ScanIndexForward: true,
      ConsistentRead: true,
      ExpressionAttributeValues: { ':pk': { S: good.pk }, ':due': { S: '2025-01-01T10:01:00.000Z#~' } },
    });
    expect(page.jobs).toEqual([good]);
    expect(page.corrupt).toEqual([
      expect.objectContaining({ key: { pk: good.pk, sk: 'x#bad' }, reason: 'detail: not valid JSON' }),
    ]);
  });

  it('pauses on DynamoDB throttling', async () => {
    // Prepare
    dynamodb
      .on(QueryCommand)
      .rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));

    // Act
    const query = new DynamoDbDueJobStore(new DynamoDBClient({ maxAttempts: 1 }), 'jobs').queryDue(
      'j#2025-01-01T10:00',
      new Date()
    );

    // Assess
    await expect(query).rejects.toMatchObject({
      name: 'ThrottledError',
      service: 'dynamodb',
      errorCode: 'ProvisionedThroughputExceededException',
    });
  });

  it('writes next occurrences in one transaction and skips a job cancelled meanwhile', async () => {
    // Prepare
    const kept = jobRecord('kept', '2025-01-01T10:00:00Z', { recurrence: { expression: 'rate(5 minutes)' } });
    const cancelled = jobRecord('gone', '2025-01-01T10:00:00Z', {
      recurrence: { expression: 'rate(5 minutes)' },
    });
    const next = (record: typeof kept) => ({ ...record, sk: `${record.sk}-next` });
    dynamodb
      .on(TransactWriteItemsCommand)
      .rejectsOnce(
        new TransactionCanceledException({
          message: 'cancelled',
          $metadata: {},
          CancellationReasons: [
            { Code: 'None' },
            { Code: 'None' },
            { Code: 'ConditionalCheckFailed' },
            { Code: 'None' },
          ],
        })
      )
      .resolves({});
    const store = new DynamoDbDueJobStore(new DynamoDBClient({}), 'jobs', { sleep: noSleep });

    // Act
    const result = await store.advanceOccurrences([
      { current: { pk: kept.pk, sk: kept.sk }, next: next(kept) },
      { current: { pk: cancelled.pk, sk: cancelled.sk }, next: next(cancelled) },
    ]);

    // Assess
    expect(result.cancelled).toEqual([{ pk: cancelled.pk, sk: cancelled.sk }]);
    const calls = dynamodb.commandCalls(TransactWriteItemsCommand);
    expect(calls.map((call) => call.args[0].input.TransactItems?.length)).toEqual([4, 2]);
    expect(calls[1]?.args[0].input.TransactItems?.[0]?.Delete?.ConditionExpression).toBe(
      'attribute_exists(pk)'
    );
    expect(calls[1]?.args[0].input.TransactItems?.[1]?.Put?.ConditionExpression).toBe(
      'attribute_not_exists(pk)'
    );
  });
});

describe('DynamoDbDispatcherState', () => {
  it('takes the lease with a conditional write and reports a held lease as false', async () => {
    // Prepare
    dynamodb
      .on(PutItemCommand)
      .resolvesOnce({})
      .rejects(new ConditionalCheckFailedException({ message: 'held', $metadata: {} }));
    const state = new DynamoDbDispatcherState(new DynamoDBClient({}), 'state');
    const now = new Date('2025-01-01T10:00:00Z');

    // Act
    const first = await state.acquireLease('tick-1', now, new Date('2025-01-01T10:01:00Z'));
    const second = await state.acquireLease('tick-2', now, new Date('2025-01-01T10:01:00Z'));

    // Assess
    expect([first, second]).toEqual([true, false]);
    expect(dynamodb.commandCalls(PutItemCommand)[0]?.args[0].input.ConditionExpression).toBe(
      'attribute_not_exists(pk) OR expiresAt < :now OR holder = :holder'
    );
  });
});

describe('job item codec', () => {
  it('round-trips a record, recurrence and optional fields included', () => {
    // Prepare
    const record = {
      ...jobRecord('r', '2025-01-01T10:00:00Z', {
        recurrence: { expression: 'cron(0 9 ? * MON *)', timezone: 'Europe/Paris' },
        targetBus: 'b',
        jitterSeconds: 5,
      }),
      attempts: 2,
      lastError: 'x',
    };

    // Act
    const decoded = decodeJobItem(encodeJobItem(record));

    // Assess
    expect(decoded).toEqual(record);
  });
});
