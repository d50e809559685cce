import type { ScheduleJobRequest } from '@vigil/event-schema';
import { InvalidJobRequestError } from '../errors';
import { bucketKey } from './bucket';
import { dispatchOffsetMs } from './dispatch-offset';
import type { JobRecord } from './job-record';
import { compileRecurrence } from './recurrence/next-occurrence';
import { jobSortKey } from './sort-key';

type Occurrence = Omit<JobRecord, 'pk' | 'sk' | 'fireAt' | 'dueAt' | 'attempts' | 'lastError'>;

/**
 * Places an occurrence due at `dueAt` in the table: its dispatch time (`dueAt` + the job's deterministic
 * spread, but never before `notBefore`, so a job scheduled in the past goes into a bucket the dispatcher
 * still sweeps) and its keys.
 */
export function placeOccurrence(job: Occurrence, dueAt: Date, notBefore: Date): JobRecord {
  const spread = dueAt.getTime() + dispatchOffsetMs(job.jobId, dueAt, job);
  const fireAt = new Date(Math.max(spread, notBefore.getTime()));
  return {
    ...job,
    pk: bucketKey(fireAt),
    sk: jobSortKey(fireAt, job.jobId),
    dueAt: dueAt.toISOString(),
    fireAt: fireAt.toISOString(),
    attempts: 0,
  };
}

/**
 * Turns a validated schedule request into the record to store: the job id (given, or `generateId()`), the
 * due time (given, or the recurrence's first occurrence after `now`) and the keys. Callers never write raw keys.
 *
 * @throws InvalidJobRequestError when a recurrence has no occurrence left
 */
export function buildJobRecord(
  request: ScheduleJobRequest,
  context: { now: Date; generateId: () => string }
): JobRecord {
  const jobId = request.jobId ?? context.generateId();
  const createdAt = context.now.toISOString();
  let dueAt = request.dueAt === undefined ? undefined : new Date(request.dueAt);
  if (dueAt === undefined && request.recurrence !== undefined) {
    dueAt = compileRecurrence(request.recurrence, context.now).next(context.now);
    if (dueAt === undefined) {
      throw new InvalidJobRequestError(
        `recurrence ${request.recurrence.expression} has no occurrence after ${createdAt}`
      );
    }
  }
  if (dueAt === undefined) throw new InvalidJobRequestError('expected dueAt or recurrence');
  const { jobId: _given, dueAt: _due, ...rest } = request;
  return placeOccurrence({ ...rest, jobId, createdAt }, dueAt, context.now);
}

/**
 * The record of a recurring job's next occurrence after the one just handled (`current`), or undefined when
 * the recurrence is over. Missed occurrences are not replayed: after an outage the job runs once, then
 * resumes at its first occurrence after `now` (cron semantics, no flood of catch-up runs).
 */
export function nextOccurrenceRecord(current: JobRecord, now: Date): JobRecord | undefined {
  if (current.recurrence === undefined) return undefined;
  const due = new Date(current.dueAt);
  const after = new Date(Math.max(due.getTime(), now.getTime()));
  const next = compileRecurrence(current.recurrence, new Date(current.createdAt)).next(after);
  if (next === undefined) return undefined;
  const {
    pk: _pk,
    sk: _sk,
    fireAt: _fire,
    dueAt: _due,
    attempts: _attempts,
    lastError: _error,
    ...job
  } = current;
  return placeOccurrence(job, next, now);
}
