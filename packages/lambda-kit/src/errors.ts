/** Options shared by every Vigil error: a machine-readable `code` and the underlying `cause`. */
export type VigilErrorOptions = {
  code?: string | undefined;
  cause?: unknown;
};

/**
 * Base class of every error Vigil throws on purpose. `code` is stable and machine-readable
 * (logs, metrics, the CLI); the message is for humans.
 *
 * @example
 * ```ts
 * class RuleStoreError extends VigilError {}
 * throw new RuleStoreError('cannot read rule pack', { code: 'RULE_STORE', cause: error });
 * ```
 */
export class VigilError extends Error {
  // Explicit names (not `new.target.name`): minified bundles rename classes.
  override name = 'VigilError';
  readonly code: string;

  constructor(message: string, options: VigilErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code ?? 'VIGIL_ERROR';
  }
}

/**
 * A failure that may succeed when tried again (throttling, a 5xx, a timeout): handlers rethrow it so the
 * trigger (SQS, EventBridge, Lambda async) redelivers.
 *
 * @example
 * ```ts
 * throw new RetryableError('jobs table throttled', { cause: error });
 * ```
 */
export class RetryableError extends VigilError {
  override name = 'RetryableError';

  constructor(message: string, options: VigilErrorOptions = {}) {
    super(message, { ...options, code: options.code ?? 'RETRYABLE' });
  }
}

/**
 * A failure that will fail the same way every time: route it to the DLQ or a metric, don't retry it.
 *
 * @example
 * ```ts
 * throw new PermanentError('rule pack references an unknown field', { code: 'BAD_RULE' });
 * ```
 */
export class PermanentError extends VigilError {
  override name = 'PermanentError';

  constructor(message: string, options: VigilErrorOptions = {}) {
    super(message, { ...options, code: options.code ?? 'PERMANENT' });
  }
}

/**
 * Input that does not match its schema. The message is readable (path, expected, got), never a raw zod dump.
 *
 * @example
 * ```ts
 * throw new InvalidInputError('detail.severity: expected one of "LOW" | "HIGH", got "BOGUS"');
 * ```
 */
export class InvalidInputError extends PermanentError {
  override name = 'InvalidInputError';

  constructor(message: string, options: VigilErrorOptions = {}) {
    super(message, { ...options, code: options.code ?? 'INVALID_INPUT' });
  }
}

/** One environment variable that failed validation. */
export type ConfigProblem = { variable: string; reason: string };

/**
 * The environment does not hold a valid configuration; `problems` names each bad variable.
 *
 * @example
 * ```ts
 * throw new ConfigError([{ variable: 'ALERT_TOPIC_ARN', reason: 'required' }]);
 * // message: 'invalid configuration: ALERT_TOPIC_ARN: required'
 * ```
 */
export class ConfigError extends PermanentError {
  override name = 'ConfigError';
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[], options: VigilErrorOptions = {}) {
    const list = problems.map((problem) => `${problem.variable}: ${problem.reason}`).join('; ');
    super(`invalid configuration: ${list}`, { ...options, code: options.code ?? 'CONFIG' });
    this.problems = problems;
  }
}
