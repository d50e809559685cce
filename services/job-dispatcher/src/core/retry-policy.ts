/** What to do about one failed PutEvents entry. */
export type EntryFailureKind = 'throttled' | 'retryable' | 'permanent';

const THROTTLING_CODES = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException']);
const RETRYABLE_CODES = new Set([
  'InternalFailure',
  'InternalException',
  'ServiceUnavailable',
  'InternalError',
]);

/**
 * Classifies a PutEvents entry error code: throttling pauses the dispatcher, internal failures are retried,
 * everything else (`MalformedDetail`, `InvalidArgument`, `AccessDeniedException`, an unknown bus…) will fail
 * the same way again and goes to the DLQ at once, as EventBridge Scheduler does with non-retryable errors.
 */
export function classifyEntryError(errorCode: string): EntryFailureKind {
  if (THROTTLING_CODES.has(errorCode)) return 'throttled';
  if (RETRYABLE_CODES.has(errorCode)) return 'retryable';
  return 'permanent';
}

/** Backoff between in-tick retries of the failed entries. */
export type BackoffSettings = { baseMs: number; maxMs: number; maxRetries: number };

export const DEFAULT_BACKOFF: BackoffSettings = { baseMs: 100, maxMs: 2000, maxRetries: 3 };

/**
 * The delay before retry number `retry` (1-based): "full jitter" exponential backoff, a random delay in
 * [0, min(max, base · 2^(retry-1))], so concurrent retries do not fire in step.
 */
export function backoffDelayMs(
  retry: number,
  settings: BackoffSettings,
  random: () => number = Math.random
): number {
  const ceiling = Math.min(settings.maxMs, settings.baseMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/** Outcome of one PutEvents entry. */
export type EntryResult =
  | { ok: true; eventId: string }
  | { ok: false; errorCode: string; errorMessage: string };

/**
 * Which entries of a PutEvents call to send again: only the failed ones that are worth retrying, never the
 * ones that went through (they would be delivered twice).
 */
export function entriesToRetry<T>(
  items: readonly T[],
  results: readonly EntryResult[]
): { retry: T[]; throttled: T[]; permanent: { item: T; errorCode: string; errorMessage: string }[] } {
  const retry: T[] = [];
  const throttled: T[] = [];
  const permanent: { item: T; errorCode: string; errorMessage: string }[] = [];
  items.forEach((item, index) => {
    const result = results[index];
    if (result === undefined) {
      retry.push(item);
      return;
    }
    if (result.ok) return;
    const kind = classifyEntryError(result.errorCode);
    if (kind === 'throttled') throttled.push(item);
    else if (kind === 'retryable') retry.push(item);
    else permanent.push({ item, errorCode: result.errorCode, errorMessage: result.errorMessage });
  });
  return { retry, throttled, permanent };
}
