/**
 * The jobs-table sort key: `<ISO time>#<jobId>`. ISO 8601 UTC with milliseconds sorts lexically in time
 * order, and the job id keeps two jobs due at the same millisecond apart.
 */
export function jobSortKey(fireAt: Date, jobId: string): string {
  return `${fireAt.toISOString()}#${jobId}`;
}

/** Upper bound of the sort keys of jobs due at or before `time` (`#` < every job id character). */
export function dueSortKeyBound(time: Date): string {
  // '~' sorts after every character a job id may hold, so `<time>#<any id>` ≤ this bound.
  return `${time.toISOString()}#~`;
}

/** Splits a sort key into its time and job id; undefined when malformed. */
export function parseJobSortKey(sortKey: string): { fireAt: Date; jobId: string } | undefined {
  const separator = sortKey.indexOf('#');
  if (separator < 0) return undefined;
  const fireAt = new Date(sortKey.slice(0, separator));
  const jobId = sortKey.slice(separator + 1);
  if (Number.isNaN(fireAt.getTime()) || jobId === '') return undefined;
  return { fireAt, jobId };
}
