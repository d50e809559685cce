import { BUCKET_MS, type Bucket, bucketOf, bucketStart, bucketsBetween, parseBucketKey } from './bucket';

/** How far a tick looks back and how much it may take on. */
export type SweepSettings = {
  /** Buckets before the current one that every tick re-sweeps, whatever the watermark says (late writes). */
  lookbackBuckets: number;
  /** At most this many buckets per tick; the rest waits for the next tick (a long outage catches up in steps). */
  maxBucketsPerTick: number;
  /** With no watermark yet (first tick ever), start this many buckets back. */
  initialLookbackBuckets: number;
};

export const DEFAULT_SWEEP_SETTINGS: SweepSettings = {
  lookbackBuckets: 1,
  maxBucketsPerTick: 120,
  initialLookbackBuckets: 12,
};

/** One bucket to sweep, and whether it is closed (its end has passed, so no job can fall due in it any more). */
export type PlannedBucket = Bucket & { isClosed: boolean };

/**
 * The buckets a tick at `now` sweeps, oldest first: from the last fully-swept watermark (the first bucket
 * not yet known to be empty of due jobs) up to the current bucket. The seed design queried only the
 * previous and current bucket and so stranded the jobs of older buckets after a missed tick; this does not.
 */
export function planSweep(
  watermark: string | undefined,
  now: Date,
  settings: SweepSettings = DEFAULT_SWEEP_SETTINGS
): PlannedBucket[] {
  const current = bucketStart(now).getTime();
  const lookback = current - settings.lookbackBuckets * BUCKET_MS;
  const stored = watermark === undefined ? undefined : parseBucketKey(watermark)?.start.getTime();
  const initial = current - settings.initialLookbackBuckets * BUCKET_MS;
  const from = Math.min(stored ?? initial, lookback);
  return bucketsBetween(new Date(from), now)
    .slice(0, Math.max(1, settings.maxBucketsPerTick))
    .map((bucket) => ({ ...bucket, isClosed: bucket.end.getTime() <= now.getTime() }));
}

/**
 * The new watermark after a tick: the first planned bucket that is not both closed and fully swept, or the
 * bucket after the last planned one when all were. An open bucket (the current one) is never fully swept:
 * jobs may still fall due in it. The watermark may move back to a re-swept lookback bucket that still holds
 * a job (a late write that then failed), so that job is never stranded.
 */
export function advanceWatermark(
  previous: string | undefined,
  plan: readonly PlannedBucket[],
  swept: ReadonlySet<string>
): string | undefined {
  const pending = plan.find((bucket) => !bucket.isClosed || !swept.has(bucket.key));
  if (pending !== undefined) return pending.key;
  const last = plan.at(-1);
  return last === undefined ? previous : bucketOf(last.end).key;
}
