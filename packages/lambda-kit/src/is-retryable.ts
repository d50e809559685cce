import { PermanentError, RetryableError } from './errors';

const RETRYABLE_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'RequestLimitExceeded',
  'SlowDown',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'LimitExceededException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalServerError',
  'InternalServerErrorException',
  'InternalFailure',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);

const RETRYABLE_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

/**
 * Whether trying the same call again may succeed: a `RetryableError`, an AWS SDK throttling or 5xx error
 * (`$retryable`, `$metadata.httpStatusCode`, known exception names), or a transient network error.
 * `PermanentError`s (including invalid input and config errors) are never retryable.
 *
 * @example
 * ```ts
 * try { await table.put(job); } catch (error) {
 *   if (isRetryable(error)) throw new RetryableError('jobs table unavailable', { cause: error });
 *   throw error;
 * }
 * ```
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof RetryableError) return true;
  if (error instanceof PermanentError) return false;
  if (error === null || typeof error !== 'object') return false;
  const candidate = error as {
    name?: unknown;
    code?: unknown;
    $retryable?: unknown;
    $metadata?: { httpStatusCode?: unknown } | undefined;
  };
  if (candidate.$retryable) return true;
  const status = candidate.$metadata?.httpStatusCode;
  if (typeof status === 'number' && (status >= 500 || status === 429)) return true;
  if (typeof candidate.name === 'string' && RETRYABLE_NAMES.has(candidate.name)) return true;
  return typeof candidate.code === 'string' && RETRYABLE_NETWORK_CODES.has(candidate.code);
}
