import type { PutEventsEntry } from '@vigil/event-schema';
import { publishWithRetry } from '../../../src/core/publish-with-retry';
import { ThrottledError } from '../../../src/errors';
import { RecordingPublisher } from '../../helpers/fakes';

const entryOf = (jobId: string): PutEventsEntry => ({
  Source: 's',
  DetailType: 'd',
  Detail: JSON.stringify({ vigilJob: { jobId } }),
  EventBusName: 'vigil-dev',
});

function context(publisher: RecordingPublisher, sleeps: number[] = []) {
  return {
    publisher,
    backoff: { baseMs: 100, maxMs: 1000, maxRetries: 3 },
    clock: () => new Date('2025-01-01T00:00:00Z'),
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
  };
}

describe('publishWithRetry', () => {
  it('resends only the entries that failed, with backoff', async () => {
    // Prepare
    const publisher = new RecordingPublisher();
    publisher.failWith('b', 'InternalFailure', 2);
    const sleeps: number[] = [];

    // Act
    const outcome = await publishWithRetry(['a', 'b', 'c'], entryOf, context(publisher, sleeps));

    // Assess
    expect(publisher.calls).toEqual([3, 1, 1]);
    expect(publisher.jobIds()).toEqual(['a', 'c', 'b']);
    expect(outcome.delivered.map((d) => d.item)).toEqual(['a', 'c', 'b']);
    expect(outcome.failed).toEqual([]);
    expect(sleeps).toEqual([50, 100]);
    expect(outcome.calls).toBe(3);
  });

  it('gives up after the retries and reports the failure', async () => {
    // Prepare
    const publisher = new RecordingPublisher();
    publisher.failWith('b', 'InternalFailure');

    // Act
    const outcome = await publishWithRetry(['a', 'b'], entryOf, context(publisher));

    // Assess
    expect(publisher.calls).toEqual([2, 1, 1, 1]);
    expect(outcome.failed).toEqual([
      { item: 'b', errorCode: 'InternalFailure', errorMessage: 'InternalFailure for b', isPermanent: false },
    ]);
  });

  it('does not retry a permanent error', async () => {
    // Prepare
    const publisher = new RecordingPublisher();
    publisher.failWith('a', 'MalformedDetail');

    // Act
    const outcome = await publishWithRetry(['a'], entryOf, context(publisher));

    // Assess
    expect(publisher.calls).toEqual([1]);
    expect(outcome.failed[0]).toMatchObject({ item: 'a', isPermanent: true });
  });

  it('stops at a throttled entry and reports the throttle', async () => {
    // Prepare
    const publisher = new RecordingPublisher();
    publisher.failWith('b', 'ThrottlingException');

    // Act
    const outcome = await publishWithRetry(['a', 'b'], entryOf, context(publisher));

    // Assess
    expect(publisher.calls).toEqual([2]);
    expect(outcome.throttled).toEqual(['b']);
    expect(outcome.throttle).toBeInstanceOf(ThrottledError);
  });

  it('treats a throttled call as throttled for every entry', async () => {
    // Prepare
    const publisher = new RecordingPublisher();
    publisher.throwNext = new ThrottledError('events', 'ThrottlingException');

    // Act
    const outcome = await publishWithRetry(['a', 'b'], entryOf, context(publisher));

    // Assess
    expect(outcome.throttled).toEqual(['a', 'b']);
    expect(outcome.delivered).toEqual([]);
  });

  it('retries a whole call that failed with a network error', async () => {
    // Prepare
    const publisher = new RecordingPublisher();
    publisher.throwNext = Object.assign(new Error('socket hang up'), { name: 'ECONNRESET' });

    // Act
    const outcome = await publishWithRetry(['a'], entryOf, context(publisher));

    // Assess
    expect(publisher.calls).toEqual([1, 1]);
    expect(outcome.delivered.map((d) => d.item)).toEqual(['a']);
  });
});
