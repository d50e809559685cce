import type { JobKey, JobRecord } from './job-record';

/** A job occurrence the dispatcher gave up on (or a job item it cannot read), and why. */
export type DeadLetter = {
  reason: string;
  errorCode?: string | undefined;
  attempts: number;
  deadLetteredAt: string;
  key: JobKey;
  /** The job, when its item could be read. */
  job?: JobRecord | undefined;
  /** The raw item, when it could not (a hand-written or corrupted item). */
  rawItem?: unknown;
};

/** The DLQ (SQS). Throws when a letter could not be stored: the job then stays in the table. */
export interface DeadLetterSink {
  send(letters: readonly DeadLetter[]): Promise<void>;
}
