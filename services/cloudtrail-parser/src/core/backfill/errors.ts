import { PermanentCloudTrailParserError, RetryableCloudTrailParserError } from '../../errors';

/** A backfill option that cannot be used as given (bad S3 URL, date, rate...): the command exits 2. */
export class InvalidBackfillOptionError extends PermanentCloudTrailParserError {
  readonly option: string;

  constructor(option: string, reason: string) {
    super(`${option}: ${reason}`, { code: 'INVALID_BACKFILL_OPTION' });
    this.option = option;
  }
}

/** The checkpoint file belongs to another backfill (other bucket or queue), or is not a checkpoint at all. */
export class CheckpointMismatchError extends PermanentCloudTrailParserError {
  constructor(reason: string, options: { cause?: unknown } = {}) {
    super(`checkpoint: ${reason}`, { code: 'CHECKPOINT_MISMATCH', cause: options.cause });
  }
}

/**
 * SendMessageBatch entries still failed after every retry. What was sent is checkpointed; running the
 * same command again resumes with the objects that did not go.
 */
export class EnqueueFailedError extends RetryableCloudTrailParserError {
  readonly failedKeys: string[];

  constructor(failedKeys: string[], reason: string) {
    super(`${failedKeys.length} objects could not be enqueued (first: ${failedKeys[0]}): ${reason}`, {
      code: 'ENQUEUE_FAILED',
    });
    this.failedKeys = failedKeys;
  }
}
