import type { ThrottledError } from '../errors';
import { nextOccurrenceRecord } from './build-job-record';
import type { DeadLetter, DeadLetterSink } from './dead-letter-sink';
import { decideAfterFailure, type FailureLimits, isExpired } from './failure-policy';
import { jobEventEntry } from './job-event-entry';
import { type JobKey, type JobRecord, keyOf } from './job-record';
import type { CorruptJobItem, DueJobStore, OccurrenceAdvance } from './job-store';
import { type PublishContext, publishWithRetry } from './publish-with-retry';
import { batchPutEntries } from './put-events-batches';

/** What dispatching one page of due jobs needs. */
export type PageContext = PublishContext & {
  jobs: DueJobStore;
  deadLetters: DeadLetterSink;
  defaultBus: string;
  defaultLimits: FailureLimits;
  publishConcurrency: number;
  warn: (message: string, fields?: Record<string, unknown>) => void;
};

/** Counters and lags of one page. */
export type PageOutcome = {
  dispatched: number;
  failed: number;
  deadLettered: number;
  putEventsCalls: number;
  lagsMs: number[];
  /** Jobs still in the table after this page (failed for now, throttled, or not removable). */
  left: number;
  throttle?: ThrottledError | undefined;
};

const limitsOf = (job: JobRecord, defaults: FailureLimits): FailureLimits => ({
  maxAttempts: job.maxAttempts ?? defaults.maxAttempts,
  maxEventAgeSeconds: job.maxEventAgeSeconds ?? defaults.maxEventAgeSeconds,
});

/** Runs `work` over `items` with at most `limit` in flight, stopping new work once `shouldStop()`. */
async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  shouldStop: () => boolean,
  work: (item: T) => Promise<void>
): Promise<T[]> {
  const skipped: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      if (shouldStop()) skipped.push(item);
      else await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return skipped;
}

/**
 * Dispatches one page of due jobs: expired ones to the DLQ, the rest as PutEvents batches (in due order,
 * a few in flight), retrying only failed entries; then removes what was handled: dispatched and
 * dead-lettered jobs are deleted, or, for recurring jobs, replaced by their next occurrence atomically.
 * A job is deleted only after its event was accepted or its dead letter stored.
 */
export async function dispatchPage(
  page: readonly JobRecord[],
  context: PageContext,
  corrupt: readonly CorruptJobItem[] = []
): Promise<PageOutcome> {
  const now = context.clock();
  const outcome: PageOutcome = {
    dispatched: 0,
    failed: 0,
    deadLettered: 0,
    putEventsCalls: 0,
    lagsMs: [],
    left: 0,
  };
  const letters: DeadLetter[] = [];
  const letter = (job: JobRecord, reason: string, attempts: number, errorCode?: string) =>
    letters.push({
      reason,
      attempts,
      key: keyOf(job),
      job,
      deadLetteredAt: context.clock().toISOString(),
      errorCode,
    });
  for (const item of corrupt) {
    letters.push({
      ...item,
      reason: `unreadable job item: ${item.reason}`,
      errorCode: 'CorruptJobItem',
      attempts: 0,
      deadLetteredAt: now.toISOString(),
    });
  }
  const handled: JobRecord[] = [];
  const unreadable: JobKey[] = [];
  const sendable: JobRecord[] = [];
  for (const job of page) {
    const limits = limitsOf(job, context.defaultLimits);
    if (isExpired(new Date(job.fireAt), now, limits)) {
      letter(
        job,
        `max event age (${limits.maxEventAgeSeconds} s) exceeded before dispatch`,
        job.attempts,
        'EventAgeExceeded'
      );
    } else sendable.push(job);
  }
  const entryOf = (job: JobRecord) =>
    jobEventEntry(job, { dispatchedAt: context.clock(), defaultBus: context.defaultBus });
  const { batches, oversized } = batchPutEntries(sendable, entryOf);
  for (const job of oversized)
    letter(job, 'event entry exceeds the 256 KB PutEvents limit', job.attempts, 'EntryTooLarge');

  const retryLater: { key: JobKey; attempts: number; error: string }[] = [];
  const skipped = await forEachLimited(
    batches,
    context.publishConcurrency,
    () => outcome.throttle !== undefined,
    async (batch) => {
      const result = await publishWithRetry(batch, entryOf, context);
      outcome.putEventsCalls += result.calls;
      for (const { item, at } of result.delivered) {
        handled.push(item);
        outcome.dispatched += 1;
        outcome.lagsMs.push(Math.max(0, at.getTime() - new Date(item.fireAt).getTime()));
      }
      for (const failure of result.failed) {
        outcome.failed += 1;
        const error = `${failure.errorCode}: ${failure.errorMessage}`;
        const decision = decideAfterFailure(
          {
            attemptsBefore: failure.item.attempts,
            fireAt: new Date(failure.item.fireAt),
            now: context.clock(),
            isPermanent: failure.isPermanent,
            error,
          },
          limitsOf(failure.item, context.defaultLimits)
        );
        if (decision.action === 'dead-letter')
          letter(failure.item, decision.reason, decision.attempts, failure.errorCode);
        else retryLater.push({ key: keyOf(failure.item), attempts: decision.attempts, error });
      }
      outcome.left += result.throttled.length;
      outcome.throttle ??= result.throttle;
    }
  );
  outcome.left += skipped.reduce((sum, batch) => sum + batch.length, 0);

  if (letters.length > 0) {
    try {
      await context.deadLetters.send(letters);
      outcome.deadLettered += letters.length;
      handled.push(...letters.flatMap((entry) => (entry.job === undefined ? [] : [entry.job])));
      unreadable.push(...letters.flatMap((entry) => (entry.job === undefined ? [entry.key] : [])));
    } catch (error) {
      // The letters are not stored: keep their jobs in the table for the next tick rather than lose them.
      context.warn('dead letters not stored; their jobs stay in the table', {
        count: letters.length,
        error: String(error),
      });
      outcome.left += letters.length;
    }
  }
  for (const failure of retryLater)
    await context.jobs.recordFailedAttempt(failure.key, failure.attempts, failure.error);
  outcome.left += retryLater.length;
  await removeHandled(handled, context, now, unreadable);
  return outcome;
}

async function removeHandled(
  handled: readonly JobRecord[],
  context: PageContext,
  now: Date,
  unreadable: readonly JobKey[]
): Promise<void> {
  const deletes: JobKey[] = [...unreadable];
  const advances: OccurrenceAdvance[] = [];
  for (const job of handled) {
    if (job.recurrence === undefined) {
      deletes.push(keyOf(job));
      continue;
    }
    let next: JobRecord | undefined;
    try {
      next = nextOccurrenceRecord(job, now);
    } catch (error) {
      // A recurrence that validated when scheduled but cannot be computed now: the occurrence was handled; end it.
      context.warn('recurrence cannot be computed; the job ends after this occurrence', {
        jobId: job.jobId,
        error: String(error),
      });
      next = undefined;
    }
    if (next === undefined) deletes.push(keyOf(job));
    else advances.push({ current: keyOf(job), next });
  }
  if (deletes.length > 0) await context.jobs.deleteJobs(deletes);
  if (advances.length > 0) await context.jobs.advanceOccurrences(advances);
}
