import { ThrottledError } from '../errors';

const THROTTLING_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
]);

/** Whether an AWS SDK error is throttling. */
export function isThrottling(error: unknown): boolean {
  return error instanceof Error && THROTTLING_NAMES.has(error.name);
}

/** Rethrows throttling as `ThrottledError` (the dispatcher pauses on it), anything else unchanged. */
export function rethrowThrottling(service: string, error: unknown): never {
  if (isThrottling(error)) throw new ThrottledError(service, (error as Error).name, { cause: error });
  throw error;
}
