import type { JobKey, JobRecord } from './job-record';

/** An item of the jobs table that does not read as a job: it goes to the DLQ, never silently skipped. */
export type CorruptJobItem = { key: JobKey; reason: string; rawItem: unknown };

/** One page of due jobs in a bucket, oldest first, and where the next page starts. */
export type DueJobsPage = {
  jobs: JobRecord[];
  corrupt?: CorruptJobItem[] | undefined;
  cursor?: string | undefined;
};

/** A recurring job's handled occurrence and the record of its next one (absent: the recurrence is over). */
export type OccurrenceAdvance = { current: JobKey; next?: JobRecord | undefined };

/** What the dispatcher needs from the jobs table. */
export interface DueJobStore {
  /** Jobs of `bucket` due at or before `dueBy`, oldest first, one page at a time. */
  queryDue(bucket: string, dueBy: Date, cursor?: string | undefined): Promise<DueJobsPage>;
  /** Deletes dispatched jobs (batched; unprocessed items retried). */
  deleteJobs(keys: readonly JobKey[]): Promise<void>;
  /**
   * Atomically deletes each handled occurrence and writes the next one. Returns the occurrences skipped
   * because the job was cancelled meanwhile (no next occurrence is written for them).
   */
  advanceOccurrences(advances: readonly OccurrenceAdvance[]): Promise<{ cancelled: JobKey[] }>;
  /** Records a failed attempt on a job left for the next tick. */
  recordFailedAttempt(key: JobKey, attempts: number, lastError: string): Promise<void>;
}

/** Outcome of storing a new job. */
export type CreateJobResult = { created: true; record: JobRecord } | { created: false; record: JobRecord };

/** What the scheduling API needs from the jobs table. */
export interface JobRepository {
  /** Stores a new job unless one with the same id exists (then returns that one: scheduling is idempotent). */
  create(record: JobRecord): Promise<CreateJobResult>;
  /** The scheduled job with this id (its pending occurrence), if any. */
  findById(jobId: string): Promise<JobRecord | undefined>;
  /** Deletes a job; false when it was gone already. */
  remove(record: JobRecord): Promise<boolean>;
  /** Jobs whose dispatch time is in [from, to], oldest first, at most `limit`. */
  listBetween(from: Date, to: Date, limit: number): Promise<JobRecord[]>;
}
