/** Limits of a job occurrence's delivery, from the job or the dispatcher's defaults. */
export type FailureLimits = { maxAttempts: number; maxEventAgeSeconds: number };

/** What to do with an occurrence whose delivery failed, or that waited too long. */
export type FailureDecision =
  | { action: 'retry-later'; attempts: number }
  | { action: 'dead-letter'; attempts: number; reason: string };

/** How old an occurrence is: the time since it became dispatchable. */
export function eventAgeSeconds(fireAt: Date, now: Date): number {
  return Math.max(0, (now.getTime() - fireAt.getTime()) / 1000);
}

/** Whether an occurrence is too old to be delivered at all (checked before publishing it). */
export function isExpired(fireAt: Date, now: Date, limits: FailureLimits): boolean {
  return eventAgeSeconds(fireAt, now) > limits.maxEventAgeSeconds;
}

/**
 * Decides after a failed delivery attempt: a permanent error, the last allowed attempt or an expired event
 * goes to the DLQ with the reason; anything else stays in the table for the next tick with its attempt
 * counted.
 */
export function decideAfterFailure(
  input: { attemptsBefore: number; fireAt: Date; now: Date; isPermanent: boolean; error: string },
  limits: FailureLimits
): FailureDecision {
  const attempts = input.attemptsBefore + 1;
  if (input.isPermanent) {
    return { action: 'dead-letter', attempts, reason: `permanent error: ${input.error}` };
  }
  if (attempts >= limits.maxAttempts) {
    return {
      action: 'dead-letter',
      attempts,
      reason: `max attempts (${limits.maxAttempts}) exhausted: ${input.error}`,
    };
  }
  if (isExpired(input.fireAt, input.now, limits)) {
    return {
      action: 'dead-letter',
      attempts,
      reason: `max event age (${limits.maxEventAgeSeconds} s) exceeded: ${input.error}`,
    };
  }
  return { action: 'retry-later', attempts };
}
