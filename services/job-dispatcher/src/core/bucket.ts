/** Width of a jobs-table partition: jobs are grouped by the 5-minute UTC interval they fall due in. */
export const BUCKET_MINUTES = 5;
export const BUCKET_MS = BUCKET_MINUTES * 60_000;

const BUCKET_KEY = /^j#(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** A 5-minute bucket: its partition key and the half-open UTC interval [start, end) it covers. */
export type Bucket = { key: string; start: Date; end: Date };

/** The start of the bucket `time` falls in. Buckets are UTC, so DST never shifts or repeats one. */
export function bucketStart(time: Date): Date {
  return new Date(Math.floor(time.getTime() / BUCKET_MS) * BUCKET_MS);
}

/** `j#YYYY-MM-DDTHH:MM` of the bucket `time` falls in (the seed design's partition key). */
export function bucketKey(time: Date): string {
  return `j#${bucketStart(time).toISOString().slice(0, 16)}`;
}

/** The bucket `time` falls in. */
export function bucketOf(time: Date): Bucket {
  const start = bucketStart(time);
  return { key: bucketKey(start), start, end: new Date(start.getTime() + BUCKET_MS) };
}

/** Parses a partition key back into its bucket; undefined when it is not a well-formed, aligned key. */
export function parseBucketKey(key: string): Bucket | undefined {
  const match = BUCKET_KEY.exec(key);
  if (match === null) return undefined;
  const start = new Date(`${key.slice(2)}:00.000Z`);
  if (Number.isNaN(start.getTime()) || bucketKey(start) !== key) return undefined;
  return bucketOf(start);
}

/** The buckets from the one holding `from` to the one holding `to`, both included, oldest first. */
export function bucketsBetween(from: Date, to: Date): Bucket[] {
  const buckets: Bucket[] = [];
  const last = bucketStart(to).getTime();
  for (let start = bucketStart(from).getTime(); start <= last; start += BUCKET_MS) {
    buckets.push(bucketOf(new Date(start)));
  }
  return buckets;
}
