import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PublishBatchCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { createEventBridgeAlertPublisher } from '../../../src/adapters/event-bridge-alert-publisher';
import {
  BATCH_SIZE,
  backoff,
  chunk,
  MAX_BATCH_ATTEMPTS,
  sendInBatches,
} from '../../../src/adapters/send-in-batches';
import { createSnsAlertPublisher } from '../../../src/adapters/sns-alert-publisher';
import { sampleAlert } from '../../helpers/alert-fixtures';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:vigil-test-alerts';
const sns = mockClient(SNSClient);
const events = mockClient(EventBridgeClient);
const snsClient = new SNSClient({});

const entries = (count: number) => Array.from({ length: count }, (_, index) => ({ id: `a${index}` }));
const noPause = async (_attempt: number): Promise<void> => {};

/** A `send` over SNS PublishBatch: the ids SNS reports as failed map back to batch indexes. */
async function publishBatch(batch: { id: string }[]): Promise<{ index: number; reason: string }[]> {
  const response = await snsClient.send(
    new PublishBatchCommand({
      TopicArn: TOPIC,
      PublishBatchRequestEntries: batch.map((entry, index) => ({ Id: `m${index}`, Message: entry.id })),
    })
  );
  return (response.Failed ?? []).map((failure) => ({
    index: Number((failure.Id ?? '').slice(1)),
    reason: `${failure.Code}: ${failure.Message}`,
  }));
}

function sentIds(): string[][] {
  return sns
    .commandCalls(PublishBatchCommand)
    .map((call) => (call.args[0].input.PublishBatchRequestEntries ?? []).map((entry) => entry.Message ?? ''));
}

describe('sendInBatches', () => {
  beforeEach(() => {
    sns.reset();
    events.reset();
  });

  it('sends at most BATCH_SIZE entries per call', async () => {
    // Prepare
    sns.on(PublishBatchCommand).resolves({ Successful: [], Failed: [] });

    // Act
    const result = await sendInBatches(entries(23), publishBatch, noPause);

    // Assess
    expect(sentIds().map((ids) => ids.length)).toEqual([BATCH_SIZE, BATCH_SIZE, 3]);
    expect(result).toEqual({ delivered: entries(23).map((entry) => entry.id), failed: [] });
  });

  it('re-sends only the entries a call reported as failed', async () => {
    // Prepare
    sns
      .on(PublishBatchCommand)
      .resolvesOnce({ Failed: [{ Id: 'm1', Code: 'InternalError', SenderFault: false }] })
      .resolves({ Failed: [] });
    const pause = jest.fn(noPause);

    // Act
    const result = await sendInBatches(entries(3), publishBatch, pause);

    // Assess
    expect(sentIds()).toEqual([['a0', 'a1', 'a2'], ['a1']]);
    expect(pause).toHaveBeenCalledTimes(1);
    expect(pause).toHaveBeenCalledWith(1);
    expect(result.delivered.sort()).toEqual(['a0', 'a1', 'a2']);
    expect(result.failed).toEqual([]);
  });

  it('retries a batch whose call threw, then reports what still fails with the last reason', async () => {
    // Prepare
    sns
      .on(PublishBatchCommand)
      .rejectsOnce(new Error('socket hang up'))
      .resolves({ Failed: [{ Id: 'm0', Code: 'KMSThrottling', Message: 'slow down', SenderFault: false }] });
    const pause = jest.fn(noPause);

    // Act
    const result = await sendInBatches(entries(2), publishBatch, pause);

    // Assess
    expect(sentIds()).toHaveLength(MAX_BATCH_ATTEMPTS);
    expect(sentIds()[1]).toEqual(['a0', 'a1']);
    expect(sentIds().slice(2)).toEqual([['a0'], ['a0']]);
    expect(pause.mock.calls.map(([attempt]) => attempt)).toEqual([1, 2, 3]);
    expect(result).toEqual({ delivered: ['a1'], failed: [{ id: 'a0', reason: 'KMSThrottling: slow down' }] });
  });

  it('reports every entry of a batch that never went through', async () => {
    // Prepare
    sns.on(PublishBatchCommand).rejects(new Error('connect ECONNREFUSED'));

    // Act
    const result = await sendInBatches(entries(12), publishBatch, noPause);

    // Assess
    expect(result.delivered).toEqual([]);
    expect(result.failed).toHaveLength(12);
    expect(result.failed[11]).toEqual({ id: 'a11', reason: 'Error: connect ECONNREFUSED' });
    expect(sentIds()).toHaveLength(2 * MAX_BATCH_ATTEMPTS);
  });

  it('splits entries into chunks of the given size', () => {
    // Act & Assess
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});

describe('backoff', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('waits the jittered share of 50 ms × 2^attempt', async () => {
    // Prepare
    jest.useFakeTimers();
    let done = false;

    // Act
    const waiting = backoff(2, () => 0.5).then(() => {
      done = true;
    });
    await jest.advanceTimersByTimeAsync(99);
    const before = done;
    await jest.advanceTimersByTimeAsync(1);
    await waiting;

    // Assess
    expect(before).toBe(false);
    expect(done).toBe(true);
  });
});

describe('alert publishers over sendInBatches', () => {
  beforeEach(() => {
    sns.reset();
    events.reset();
  });

  it('re-publishes only the SNS entries that failed, with severity and ruleId attributes', async () => {
    // Prepare
    const alerts = [sampleAlert({ id: 'alert-1' }), sampleAlert({ id: 'alert-2' })];
    sns
      .on(PublishBatchCommand)
      .resolvesOnce({ Failed: [{ Id: 'm1', Code: 'Throttled', SenderFault: false }] })
      .resolves({ Failed: [] });

    // Act
    const result = await createSnsAlertPublisher(new SNSClient({}), TOPIC).publish(alerts);

    // Assess
    expect(result).toEqual({ delivered: ['alert-1', 'alert-2'], failed: [] });
    const calls = sns.commandCalls(PublishBatchCommand).map((call) => call.args[0].input);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.PublishBatchRequestEntries).toHaveLength(1);
    expect(calls[1]?.PublishBatchRequestEntries?.[0]?.MessageAttributes).toEqual({
      severity: { DataType: 'String', StringValue: 'HIGH' },
      ruleId: { DataType: 'String', StringValue: 'test-cloudtrail-stop-logging' },
      origin: { DataType: 'String', StringValue: 'live' },
    });
  });

  it('re-puts only the bus entries EventBridge reported with an error code', async () => {
    // Prepare
    const alerts = [sampleAlert({ id: 'alert-1' }), sampleAlert({ id: 'alert-2' })];
    events
      .on(PutEventsCommand)
      .resolvesOnce({
        FailedEntryCount: 1,
        Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }, { EventId: 'e2' }],
      })
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e1' }] });

    // Act
    const result = await createEventBridgeAlertPublisher(new EventBridgeClient({}), 'vigil-test').publish(
      alerts
    );

    // Assess
    expect(result.delivered.sort()).toEqual(['alert-1', 'alert-2']);
    const calls = events.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries ?? []);
    expect(calls.map((batch) => batch.length)).toEqual([2, 1]);
    expect(JSON.parse(calls[1]?.[0]?.Detail ?? '{}').id).toBe('alert-1');
  });
});
