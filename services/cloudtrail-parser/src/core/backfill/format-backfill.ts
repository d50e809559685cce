import type { BackfillScope } from './backfill-scope';
import { estimateLambdaCost, estimateRecords, type LambdaCost, PARSER_FIGURES } from './lambda-cost';
import type { BackfillPlan } from './plan-backfill';
import type { BackfillProgress } from './run-backfill';

/** The dry-run figures: what is left to send and what parsing it will cost. */
export interface BackfillEstimate {
  bucket: string;
  prefix: string;
  days: number;
  completeDays: number;
  objects: number;
  bytes: number;
  skipped: number;
  estimatedRecords: number;
  lambda: LambdaCost & { memoryMb: number; architecture: string };
}

/** The plan's figures with records (≈ gzipped bytes / bytes per record) and Lambda GB-s and $. */
export function estimateBackfill(scope: BackfillScope, plan: BackfillPlan): BackfillEstimate {
  const estimatedRecords = estimateRecords(plan.bytes);
  return {
    bucket: scope.bucket,
    prefix: scope.prefix,
    days: plan.days.length,
    completeDays: plan.completeDays,
    objects: plan.objects,
    bytes: plan.bytes,
    skipped: plan.skipped,
    estimatedRecords,
    lambda: {
      ...estimateLambdaCost({ records: estimatedRecords, objects: plan.objects }),
      memoryMb: PARSER_FIGURES.memoryMb,
      architecture: PARSER_FIGURES.architecture,
    },
  };
}

/** The `--dry-run` report, one fact per line. */
export function formatBackfillPlan(plan: BackfillPlan, estimate: BackfillEstimate): string {
  const lines = [`backfill plan for s3://${estimate.bucket}/${estimate.prefix}`];
  for (const group of plan.byAccountRegion) {
    lines.push(
      `  ${group.account} ${group.region.padEnd(15)} ${String(group.days).padStart(4)} days ${String(group.objects).padStart(8)} objects ${formatBytes(group.bytes).padStart(10)}`
    );
  }
  const { lambda } = estimate;
  lines.push(
    `day prefixes: ${estimate.days}${estimate.completeDays > 0 ? ` (${estimate.completeDays} already done per the checkpoint)` : ''}`,
    `objects: ${estimate.objects.toLocaleString('en')} (${formatBytes(estimate.bytes)}), outside the time range: ${estimate.skipped}`,
    `estimated records: ${estimate.estimatedRecords.toLocaleString('en')} (≈ ${PARSER_FIGURES.gzippedBytesPerRecord} gzipped bytes per record)`,
    `estimated Lambda: ${lambda.gbSeconds.toPrecision(4)} GB-s at ${lambda.memoryMb} MB ${lambda.architecture}, ${lambda.requests.toLocaleString('en')} requests, ${formatUsd(lambda.usd)} (${formatUsd(lambda.computeUsd)} compute + ${formatUsd(lambda.requestUsd)} requests)`
  );
  return `${lines.join('\n')}\n`;
}

/** The progress bar's detail: bytes done of total and the time left at the rate so far. */
export function formatProgressDetail(
  progress: BackfillProgress,
  plan: Pick<BackfillPlan, 'objects' | 'bytes'>
): string {
  const rate = progress.elapsedMs > 0 ? progress.objects / progress.elapsedMs : 0;
  const left = plan.objects - progress.objects;
  const eta = rate > 0 ? formatDuration(left / rate) : '?';
  return `${formatBytes(progress.bytes)}/${formatBytes(plan.bytes)} ETA ${eta}`;
}

/** The summary line after a run. */
export function formatBackfillSummary(
  result: BackfillProgress & { isInterrupted: boolean },
  checkpoint?: string
): string {
  const seconds = result.elapsedMs / 1000;
  const rate = seconds > 0 ? result.objects / seconds : 0;
  const state = result.isInterrupted
    ? `interrupted; run the same command to resume${checkpoint ? ` (checkpoint ${checkpoint})` : ''}`
    : 'done';
  return `backfill ${state}: ${result.objects} objects, ${formatBytes(result.bytes)} enqueued in ${seconds.toFixed(1)} s (${rate.toFixed(1)} objects/s), ${result.retries} retried entries\n`;
}

/** Dollars with cents, or four significant digits below a cent (a small backfill costs fractions of one). */
export function formatUsd(usd: number): string {
  return usd >= 0.01 || usd === 0 ? `$${usd.toFixed(2)}` : `$${usd.toPrecision(4)}`;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
