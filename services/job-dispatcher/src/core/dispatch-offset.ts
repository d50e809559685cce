import { createHash } from 'node:crypto';

/** How a job's dispatch may be spread after its due time. */
export type SpreadOptions = {
  /** Spread within this many minutes after the due time (EventBridge Scheduler's flexible time window). */
  flexibleWindowMinutes?: number | undefined;
  /** Add up to this many seconds more. */
  jitterSeconds?: number | undefined;
};

/** A uniform number in [0, 1) drawn from `seed`: the same seed always gives the same number. */
export function seededFraction(seed: string): number {
  const digest = createHash('sha256').update(seed).digest();
  // 48 bits are plenty for a millisecond offset and stay exact in a double.
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/**
 * The delay between a job occurrence's due time and the time it is dispatched, in milliseconds: uniform
 * over the flexible window plus the jitter. Deterministic per job id and occurrence, so a redelivered
 * schedule request or a retried tick computes the same slot, while thousands of recurring jobs due at the
 * same second spread out (Mondoo spreads scan jobs the same way).
 */
export function dispatchOffsetMs(jobId: string, dueAt: Date, options: SpreadOptions): number {
  const windowMs = (options.flexibleWindowMinutes ?? 0) * 60_000 + (options.jitterSeconds ?? 0) * 1000;
  if (windowMs <= 0) return 0;
  return Math.floor(seededFraction(`${jobId}@${dueAt.toISOString()}`) * windowMs);
}
