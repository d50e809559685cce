// Every error the choreography monitor throws on purpose. Its own base class rather than lambda-kit's:
// the CLI loads this module through tsx's CommonJS hook, where lambda-kit's ESM-only middy cannot load.
// Permanent errors fail the same way every time (park the input, report it); retryable ones may pass later.

/** Options shared by the service's errors: a machine-readable `code` and the underlying `cause`. */
export type ChoreographyErrorOptions = { code?: string | undefined; cause?: unknown };

/** Base class of the service's errors. `isRetryable` tells handlers whether to rethrow (redeliver) or park. */
export class ChoreographyError extends Error {
  override name = 'ChoreographyError';
  readonly code: string;
  readonly isRetryable: boolean = false;

  constructor(message: string, options: ChoreographyErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code ?? 'CHOREOGRAPHY';
  }
}

/** Fails the same way every time: keep the input (DLQ) and report it, never retry. */
export class PermanentError extends ChoreographyError {
  override name = 'PermanentError';
}

/** May succeed when tried again (throttling, contention): rethrow so the trigger redelivers. */
export class RetryableError extends ChoreographyError {
  override name = 'RetryableError';
  override readonly isRetryable: boolean = true;
}

/** One problem in a choreography file: where (`states.AwaitingPayment.on[0].next`) and why. */
export type ChoreographyIssue = { path: string; reason: string };

/**
 * A choreography declaration that cannot be compiled. The message reads
 * `choreographies/order.yml: states.AwaitingPayment.on[0].next: unknown state "Paid"`, one issue per `; `.
 */
export class ChoreographyValidationError extends PermanentError {
  override name = 'ChoreographyValidationError';
  readonly file: string;
  readonly issues: readonly ChoreographyIssue[];

  constructor(file: string, issues: readonly ChoreographyIssue[], options: ChoreographyErrorOptions = {}) {
    const listed = issues.map((issue) => `${issue.path === '' ? '(file)' : issue.path}: ${issue.reason}`);
    super(`${file}: ${listed.join('; ')}`, { ...options, code: options.code ?? 'INVALID_CHOREOGRAPHY' });
    this.file = file;
    this.issues = issues;
  }
}

/** A detail condition the ASL Choice state cannot express the way EventBridge matches it. */
export class UnsupportedConditionError extends PermanentError {
  override name = 'UnsupportedConditionError';
  readonly path: string;

  constructor(path: string, reason: string) {
    super(`${path}: ${reason}`, { code: 'UNSUPPORTED_CONDITION' });
    this.path = path;
  }
}

/** An event that cannot take part in a choreography (no correlation id, bad shape): parked in the DLQ. */
export class InvalidWorkflowEventError extends PermanentError {
  override name = 'InvalidWorkflowEventError';

  constructor(message: string, options: ChoreographyErrorOptions = {}) {
    super(message, { ...options, code: options.code ?? 'INVALID_WORKFLOW_EVENT' });
  }
}

/** Step Functions refused a callback (TaskTimedOut, InvalidToken, TaskDoesNotExist): recorded, never retried. */
export class CallbackRejectedError extends PermanentError {
  override name = 'CallbackRejectedError';
  readonly reason: string;

  constructor(reason: string, message: string, options: ChoreographyErrorOptions = {}) {
    super(message, { ...options, code: options.code ?? 'CALLBACK_REJECTED' });
    this.reason = reason;
  }
}

/** Another worker changed the token while this one decided: decide again (or let SQS redeliver). */
export class TokenContentionError extends RetryableError {
  override name = 'TokenContentionError';

  constructor(message: string, options: ChoreographyErrorOptions = {}) {
    super(message, { ...options, code: options.code ?? 'TOKEN_CONTENTION' });
  }
}

/** A `vigil choreography` command failed for a reason the user can fix (exit code 2). */
export class ChoreographyCommandError extends PermanentError {
  override name = 'ChoreographyCommandError';
  readonly what: string;
  readonly reason: string;

  constructor(what: string, reason: string, options: ChoreographyErrorOptions = {}) {
    super(`${what}: ${reason}`, { ...options, code: options.code ?? 'COMMAND' });
    this.what = what;
    this.reason = reason;
  }
}
