import { PermanentError, RetryableError, type VigilErrorOptions } from '@vigil/lambda-kit';

// One error family for the correlator. Permanent errors are quarantined with their reason (DLQ message
// attributes); retryable ones are rethrown so SQS / the DynamoDB stream redelivers.

/** A finding (or event) whose resources the normaliser cannot turn into any resource key. */
export class UnkeyableFindingError extends PermanentError {
  override name = 'UnkeyableFindingError';
  readonly findingId: string | undefined;

  constructor(message: string, findingId?: string | undefined, options: VigilErrorOptions = {}) {
    super(message, { ...options, code: options.code ?? 'UNKEYABLE_FINDING' });
    this.findingId = findingId;
  }
}

/** A correlation rule file that does not parse or validate; the message names the file and the path. */
export class InvalidCorrelationRuleError extends PermanentError {
  override name = 'InvalidCorrelationRuleError';
  readonly source: string;

  constructor(source: string, reason: string, options: VigilErrorOptions = {}) {
    super(`${source}: ${reason}`, { ...options, code: options.code ?? 'INVALID_CORRELATION_RULE' });
    this.source = source;
  }
}

/** A correlated finding Security Hub refused for a reason that will not change (bad ASFF, too large). */
export class FindingRejectedError extends PermanentError {
  override name = 'FindingRejectedError';

  constructor(message: string, options: VigilErrorOptions = {}) {
    super(message, { ...options, code: options.code ?? 'FINDING_REJECTED' });
  }
}

/** A transient failure of the findings table, Security Hub, the bus or the topic. */
export class CorrelatorUnavailableError extends RetryableError {
  override name = 'CorrelatorUnavailableError';

  constructor(message: string, options: VigilErrorOptions = {}) {
    super(message, { ...options, code: options.code ?? 'CORRELATOR_UNAVAILABLE' });
  }
}

/** Another matcher changed the correlation record first; the stream retries and re-reads it. */
export class CorrelationConflictError extends RetryableError {
  override name = 'CorrelationConflictError';

  constructor(message: string, options: VigilErrorOptions = {}) {
    super(message, { ...options, code: options.code ?? 'CORRELATION_CONFLICT' });
  }
}
