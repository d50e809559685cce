// Not built on @vigil/lambda-kit's error classes on purpose: its index loads middy (ESM only), which the
// `vigil` CLI, the benchmark and the start scenarios (tsx, CommonJS) cannot load. Same shape: code + cause.

/** Options of every job-dispatcher error. */
export type JobErrorOptions = { code?: string | undefined; cause?: unknown };

/** Base class of the job dispatcher's errors: a stable machine-readable `code`, a human message. */
export class JobDispatcherError extends Error {
  override name = 'JobDispatcherError';
  readonly code: string;

  constructor(message: string, options: JobErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code ?? 'JOB_DISPATCHER';
  }
}

/** May succeed when tried again (throttling, a transient AWS failure). */
export class RetryableJobError extends JobDispatcherError {
  override name = 'RetryableJobError';

  constructor(message: string, options: JobErrorOptions = {}) {
    super(message, { ...options, code: options.code ?? 'RETRYABLE' });
  }
}

/** Fails the same way every time: answer it (API) or dead-letter it, never retry it. */
export class PermanentJobError extends JobDispatcherError {
  override name = 'PermanentJobError';

  constructor(message: string, options: JobErrorOptions = {}) {
    super(message, { ...options, code: options.code ?? 'PERMANENT' });
  }
}

/**
 * AWS throttled the dispatcher (EventBridge `ThrottlingException`, DynamoDB
 * `ProvisionedThroughputExceededException`/`ThrottlingException`): dispatch pauses, then resumes by itself.
 */
export class ThrottledError extends RetryableJobError {
  override name = 'ThrottledError';
  /** The throttling service (`events`, `dynamodb`, `sqs`). */
  readonly service: string;
  /** The AWS error code. */
  readonly errorCode: string;

  constructor(service: string, errorCode: string, options: JobErrorOptions = {}) {
    super(`${service} throttled the dispatcher (${errorCode})`, { ...options, code: 'THROTTLED' });
    this.service = service;
    this.errorCode = errorCode;
  }
}

/** A recurrence expression this dispatcher cannot compute (e.g. cron `W`), or an invalid one. */
export class UnsupportedRecurrenceError extends PermanentJobError {
  override name = 'UnsupportedRecurrenceError';

  constructor(message: string, options: JobErrorOptions = {}) {
    super(message, { ...options, code: options.code ?? 'UNSUPPORTED_RECURRENCE' });
  }
}

/** A scheduling request that cannot be honoured as given (bad field, unknown bus, no occurrence left). */
export class InvalidJobRequestError extends PermanentJobError {
  override name = 'InvalidJobRequestError';

  constructor(message: string, options: JobErrorOptions = {}) {
    super(message, { ...options, code: options.code ?? 'INVALID_REQUEST' });
  }
}

/** A job id that names no scheduled job. */
export class JobNotFoundError extends PermanentJobError {
  override name = 'JobNotFoundError';

  constructor(jobId: string, options: JobErrorOptions = {}) {
    super(`no scheduled job with id ${jobId}`, { ...options, code: options.code ?? 'JOB_NOT_FOUND' });
  }
}

/** A stored job item that does not match the job record schema (hand-written or corrupted). */
export class CorruptJobRecordError extends PermanentJobError {
  override name = 'CorruptJobRecordError';

  constructor(message: string, options: JobErrorOptions = {}) {
    super(message, { ...options, code: options.code ?? 'CORRUPT_JOB' });
  }
}
