import type { PutEventsEntry } from '@vigil/event-schema';
import { ThrottledError } from '../errors';
import type { EventPublisher } from './event-publisher';
import { type BackoffSettings, backoffDelayMs, classifyEntryError, entriesToRetry } from './retry-policy';

/** Outcome of publishing one batch: what went through, what failed and why, what was throttled. */
export type PublishOutcome<T> = {
  delivered: { item: T; at: Date }[];
  failed: { item: T; errorCode: string; errorMessage: string; isPermanent: boolean }[];
  /** Not sent because AWS throttled: left for after the pause, no attempt counted. */
  throttled: T[];
  throttle?: ThrottledError | undefined;
  /** PutEvents calls made. */
  calls: number;
};

export type PublishContext = {
  publisher: EventPublisher;
  backoff: BackoffSettings;
  clock: () => Date;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
};

/**
 * Publishes one batch (≤ 10 entries, ≤ 256 KB) and retries, with full-jitter backoff, only the entries that
 * failed retryably (`FailedEntryCount` > 0): entries that went through are never sent twice. Throttling stops
 * at once (the dispatcher pauses); permanent errors are not retried.
 */
export async function publishWithRetry<T>(
  items: readonly T[],
  entryOf: (item: T) => PutEventsEntry,
  context: PublishContext
): Promise<PublishOutcome<T>> {
  const outcome: PublishOutcome<T> = { delivered: [], failed: [], throttled: [], calls: 0 };
  let pending = [...items];
  let lastError = { errorCode: 'Unknown', errorMessage: 'not attempted' };
  for (let retry = 0; pending.length > 0 && retry <= context.backoff.maxRetries; retry += 1) {
    if (retry > 0) await context.sleep(backoffDelayMs(retry, context.backoff, context.random));
    outcome.calls += 1;
    let results: Awaited<ReturnType<EventPublisher['putEvents']>>;
    try {
      results = await context.publisher.putEvents(pending.map(entryOf));
    } catch (error) {
      if (error instanceof ThrottledError) {
        outcome.throttled.push(...pending);
        outcome.throttle = error;
        return outcome;
      }
      // The whole call failed (network, 5xx after the SDK's own retries): try all of it again.
      lastError = { errorCode: (error as { name?: string }).name ?? 'Error', errorMessage: String(error) };
      continue;
    }
    const at = context.clock();
    pending.forEach((item, index) => {
      if (results[index]?.ok === true) outcome.delivered.push({ item, at });
    });
    const split = entriesToRetry(pending, results);
    for (const failure of split.permanent) outcome.failed.push({ ...failure, isPermanent: true });
    if (split.throttled.length > 0) {
      outcome.throttled.push(...split.throttled, ...split.retry);
      outcome.throttle = new ThrottledError('events', 'ThrottlingException');
      return outcome;
    }
    for (const result of results) {
      if (!result.ok && classifyEntryError(result.errorCode) === 'retryable')
        lastError = { errorCode: result.errorCode, errorMessage: result.errorMessage };
    }
    pending = split.retry;
  }
  for (const item of pending) outcome.failed.push({ item, ...lastError, isPermanent: false });
  return outcome;
}
