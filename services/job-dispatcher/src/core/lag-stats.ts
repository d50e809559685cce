/** Percentiles of dispatch lag (dispatch time − due time), in milliseconds. */
export type LagStats = { count: number; p50: number; p99: number; max: number };

/** The nearest-rank percentile `p` (0-100) of ascending `sorted` values; 0 for none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? 0;
}

/** p50/p99/max of the lags, in milliseconds. */
export function lagStats(lagsMs: readonly number[]): LagStats {
  const sorted = [...lagsMs].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? 0,
  };
}
