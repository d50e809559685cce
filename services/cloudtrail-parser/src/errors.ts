// Every error the cloudtrail-parser service throws on purpose. Permanent errors mean the same input fails
// the same way every time (route to the DLQ / report it); retryable errors may succeed when tried again.

/** Options shared by the service's errors: a machine-readable `code` and the underlying `cause`. */
export type CloudTrailParserErrorOptions = { code?: string | undefined; cause?: unknown };

/** Base class of the service's errors. `isRetryable` tells handlers whether to rethrow (redeliver) or park. */
export class CloudTrailParserError extends Error {
  readonly code: string;
  readonly isRetryable: boolean = false;

  constructor(message: string, options: CloudTrailParserErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code ?? 'CLOUDTRAIL_PARSER';
  }
}

/** Fails the same way every time: report it, keep the input (DLQ, quarantine), never retry. */
export class PermanentCloudTrailParserError extends CloudTrailParserError {}

/** May succeed when tried again (throttling, a 5xx, a timeout): handlers rethrow it. */
export class RetryableCloudTrailParserError extends CloudTrailParserError {
  override readonly isRetryable: boolean = true;
}

/** A rule document that is not a valid rule; `path` is the dotted location of the problem in the document. */
export class InvalidRuleError extends PermanentCloudTrailParserError {
  readonly path: string;
  readonly reason: string;
  readonly source: string | undefined;

  constructor(
    path: string,
    reason: string,
    options: CloudTrailParserErrorOptions & { source?: string } = {}
  ) {
    const where = path === '' ? '' : `${path}: `;
    const from = options.source === undefined ? '' : `${options.source}: `;
    super(`${from}${where}${reason}`, { code: 'INVALID_RULE', ...options });
    this.path = path;
    this.reason = reason;
    this.source = options.source;
  }
}

/** A rule file or folder that cannot be read (missing, unreadable, not YAML/JSON). */
export class RuleLoadError extends PermanentCloudTrailParserError {
  readonly file: string;

  constructor(file: string, reason: string, options: CloudTrailParserErrorOptions = {}) {
    super(`${file}: ${reason}`, { code: 'RULE_LOAD', ...options });
    this.file = file;
  }
}

/** A log object whose uncompressed size passed the configured cap. */
export class LogTooLargeError extends PermanentCloudTrailParserError {
  readonly limitBytes: number;

  constructor(limitBytes: number, options: CloudTrailParserErrorOptions = {}) {
    super(`uncompressed log exceeds ${limitBytes} bytes`, { code: 'LOG_TOO_LARGE', ...options });
    this.limitBytes = limitBytes;
  }
}

/** A log object that is not a CloudTrail log at all (bad gzip, not `{"Records":[...]}`/array/JSON lines). */
export class LogFormatError extends PermanentCloudTrailParserError {
  constructor(message: string, options: CloudTrailParserErrorOptions = {}) {
    super(message, { code: 'LOG_FORMAT', ...options });
  }
}

/** A scan input (file, folder, stdin) that cannot be opened or read. */
export class ScanInputError extends PermanentCloudTrailParserError {
  readonly input: string;

  constructor(input: string, reason: string, options: CloudTrailParserErrorOptions = {}) {
    super(`${input}: ${reason}`, { code: 'SCAN_INPUT', ...options });
    this.input = input;
  }
}

/** Rule state (threshold counters, dedup keys) could not be read or written; try again. */
export class RuleStateStoreError extends RetryableCloudTrailParserError {
  constructor(message: string, options: CloudTrailParserErrorOptions = {}) {
    super(message, { code: 'RULE_STATE_STORE', ...options });
  }
}
