import { decideAfterFailure, isExpired } from '../../../src/core/failure-policy';
import { lagStats, percentile } from '../../../src/core/lag-stats';
import {
  backoffDelayMs,
  classifyEntryError,
  DEFAULT_BACKOFF,
  entriesToRetry,
} from '../../../src/core/retry-policy';
import { pauseAfterThrottle, pauseStatus } from '../../../src/core/throttle-pause';

describe('classifyEntryError', () => {
  it.each([
    ['ThrottlingException', 'throttled'],
    ['InternalFailure', 'retryable'],
    ['MalformedDetail', 'permanent'],
    ['InvalidArgument', 'permanent'],
    ['AccessDeniedException', 'permanent'],
    ['ResourceNotFoundException', 'permanent'],
  ])('classifies %s as %s', (code, kind) => {
    // Assess
    expect(classifyEntryError(code)).toBe(kind);
  });
});

describe('entriesToRetry', () => {
  it('retries only the failed retryable entries, never the delivered ones', () => {
    // Prepare
    const items = ['a', 'b', 'c', 'd'];
    const results = [
      { ok: true as const, eventId: '1' },
      { ok: false as const, errorCode: 'InternalFailure', errorMessage: 'x' },
      { ok: false as const, errorCode: 'MalformedDetail', errorMessage: 'bad' },
      { ok: false as const, errorCode: 'ThrottlingException', errorMessage: 'slow down' },
    ];

    // Act
    const split = entriesToRetry(items, results);

    // Assess
    expect(split.retry).toEqual(['b']);
    expect(split.permanent).toEqual([{ item: 'c', errorCode: 'MalformedDetail', errorMessage: 'bad' }]);
    expect(split.throttled).toEqual(['d']);
  });
});

describe('backoffDelayMs', () => {
  it('grows exponentially up to the cap, with full jitter', () => {
    // Act
    const ceilings = [1, 2, 3, 4, 5, 6].map((retry) =>
      backoffDelayMs(retry, DEFAULT_BACKOFF, () => 0.999999)
    );
    const floor = backoffDelayMs(3, DEFAULT_BACKOFF, () => 0);

    // Assess
    expect(ceilings).toEqual([99, 199, 399, 799, 1599, 1999]);
    expect(floor).toBe(0);
  });
});

describe('decideAfterFailure', () => {
  const limits = { maxAttempts: 3, maxEventAgeSeconds: 3600 };
  const fireAt = new Date('2025-01-01T00:00:00Z');

  it('keeps a job for the next tick while attempts remain', () => {
    // Act
    const decision = decideAfterFailure(
      {
        attemptsBefore: 0,
        fireAt,
        now: new Date('2025-01-01T00:01:00Z'),
        isPermanent: false,
        error: 'InternalFailure',
      },
      limits
    );

    // Assess
    expect(decision).toEqual({ action: 'retry-later', attempts: 1 });
  });

  it('dead-letters after the last attempt, with the reason', () => {
    // Act
    const decision = decideAfterFailure(
      {
        attemptsBefore: 2,
        fireAt,
        now: new Date('2025-01-01T00:03:00Z'),
        isPermanent: false,
        error: 'InternalFailure: x',
      },
      limits
    );

    // Assess
    expect(decision).toEqual({
      action: 'dead-letter',
      attempts: 3,
      reason: 'max attempts (3) exhausted: InternalFailure: x',
    });
  });

  it('dead-letters a permanent error at once', () => {
    // Act
    const decision = decideAfterFailure(
      { attemptsBefore: 0, fireAt, now: fireAt, isPermanent: true, error: 'MalformedDetail' },
      limits
    );

    // Assess
    expect(decision).toMatchObject({ action: 'dead-letter', reason: 'permanent error: MalformedDetail' });
  });

  it('dead-letters when the event is older than its max age', () => {
    // Act
    const decision = decideAfterFailure(
      { attemptsBefore: 0, fireAt, now: new Date('2025-01-01T02:00:00Z'), isPermanent: false, error: 'x' },
      limits
    );

    // Assess
    expect(decision).toMatchObject({ action: 'dead-letter', reason: 'max event age (3600 s) exceeded: x' });
    expect(isExpired(fireAt, new Date('2025-01-01T01:00:00Z'), limits)).toBe(false);
    expect(isExpired(fireAt, new Date('2025-01-01T01:00:01Z'), limits)).toBe(true);
  });
});

describe('throttle pause', () => {
  const now = new Date('2025-01-01T00:00:00Z');

  it('runs, pauses for 15 minutes after a throttle, then resumes by itself', () => {
    // Act
    const paused = pauseAfterThrottle({}, now, 'events throttled', 15);
    const during = pauseStatus(paused, new Date('2025-01-01T00:14:59Z'));
    const after = pauseStatus(paused, new Date('2025-01-01T00:15:00Z'));

    // Assess
    expect(pauseStatus({}, now)).toEqual({ status: 'running' });
    expect(paused).toEqual({ pausedUntil: '2025-01-01T00:15:00.000Z', pauseReason: 'events throttled' });
    expect(during).toEqual({
      status: 'paused',
      resumeAt: new Date('2025-01-01T00:15:00Z'),
      reason: 'events throttled',
    });
    expect(after.status).toBe('resumed');
  });

  it('never shortens a longer pause', () => {
    // Prepare
    const long = pauseAfterThrottle({}, now, 'first', 60);

    // Act
    const again = pauseAfterThrottle(long, new Date('2025-01-01T00:01:00Z'), 'second', 15);

    // Assess
    expect(again).toBe(long);
  });

  it('honours a configured pause length', () => {
    // Act
    const paused = pauseAfterThrottle({}, now, 'x', 2);

    // Assess
    expect(paused.pausedUntil).toBe('2025-01-01T00:02:00.000Z');
  });
});

describe('lagStats', () => {
  it('computes nearest-rank p50 and p99', () => {
    // Prepare
    const lags = Array.from({ length: 100 }, (_, i) => (i + 1) * 10).reverse();

    // Act
    const stats = lagStats(lags);

    // Assess
    expect(stats).toEqual({ count: 100, p50: 500, p99: 990, max: 1000 });
    expect(percentile([], 99)).toBe(0);
    expect(percentile([7], 50)).toBe(7);
  });
});
