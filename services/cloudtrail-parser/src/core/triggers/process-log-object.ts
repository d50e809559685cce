import { type AlertOrigin, SEVERITY_LABELS } from '@vigil/event-schema';
import { PermanentCloudTrailParserError, RetryableCloudTrailParserError } from '../../errors';
import type { DetectionEngine } from '../detection-engine';
import type { PrincipalIndex } from '../enrichment/principal-index';
import type { PrincipalStore } from '../enrichment/principal-store';
import { type AlertSinkDeps, createAlertSink } from '../publish/alert-sink';
import type { IngestMetrics } from './ingest-metrics';
import type { LogObjectReader } from './log-object-reader';
import type { LogObjectRef } from './log-object-ref';
import { scanLogObject } from './scan-log-object';

export interface ProcessLogObjectDeps extends Omit<AlertSinkDeps, 'principals'> {
  reader: LogObjectReader;
  engine(): Promise<DetectionEngine>;
  principalIndex: PrincipalIndex;
  principalStore: PrincipalStore;
  principals: AlertSinkDeps['principals'];
  metrics: IngestMetrics;
  maxUncompressedBytes: number;
  now(): number;
}

/** What one processed log object amounted to (small: it is stored as the idempotency result). */
export interface LogObjectOutcome {
  records: number;
  bytes: number;
  alerts: number;
  duplicates: number;
  isDigest: boolean;
}

/** Reasons listed in a parse-error failure before "and N more". */
const MAX_REASONS = 5;

/**
 * Processes one log object end to end: stream, detect, enrich, deliver alerts, count metrics. The alerts of
 * a backfilled object are marked `backfill: true` (their origin is the object, as for live ones).
 * - Alerts that could not be delivered → `RetryableCloudTrailParserError` (the message is redelivered; the
 *   alert ledger keeps what already went out from going out again).
 * - Records that are not JSON or not CloudTrail → alerts from the good records are delivered first, then
 *   `PermanentCloudTrailParserError` (`LOG_PARSE_ERRORS`) with the reasons: the caller parks the object.
 */
export async function processLogObject(
  ref: LogObjectRef,
  deps: ProcessLogObjectDeps
): Promise<LogObjectOutcome> {
  const origin: AlertOrigin = { kind: 's3', bucket: ref.bucket, key: ref.key };
  if (ref.versionId !== undefined) origin.versionId = ref.versionId;
  const sink = createAlertSink(origin, deps, { isBackfill: ref.isBackfill === true });
  const scan = await scanLogObject(ref, {
    reader: deps.reader,
    engine: await deps.engine(),
    sink,
    principalIndex: deps.principalIndex,
    principalStore: deps.principalStore,
    maxUncompressedBytes: deps.maxUncompressedBytes,
    now: deps.now,
  });
  const { stats, alerts } = scan;
  if (stats.isDigest) {
    deps.metrics.count('DigestSkipped', 1);
  } else {
    deps.metrics.count('Files', 1);
    deps.metrics.count('Records', stats.records);
    deps.metrics.count('Bytes', stats.bytes);
    deps.metrics.recordsPerSecond(stats.records / scan.seconds);
  }
  for (const severity of SEVERITY_LABELS) {
    const count = alerts.publishedBySeverity[severity];
    if (count) deps.metrics.alerts(severity, count);
  }
  if (alerts.duplicates > 0) deps.metrics.count('DuplicateAlerts', alerts.duplicates);
  if (alerts.suppressed > 0) deps.metrics.count('SuppressedMatches', alerts.suppressed);

  if (alerts.failed.length > 0) {
    const first = alerts.failed[0];
    throw new RetryableCloudTrailParserError(
      `${alerts.failed.length} alert deliveries failed (first: ${first?.channel} ${first?.reason})`,
      { code: 'ALERT_DELIVERY' }
    );
  }
  if (stats.invalidRecords > 0) {
    deps.metrics.count('ParseErrors', stats.invalidRecords);
    const listed = stats.invalidReasons
      .slice(0, MAX_REASONS)
      .map((reason) => `${reason.reason} ×${reason.count} (first at byte ${reason.firstOffset})`);
    const more =
      stats.invalidReasons.length > MAX_REASONS
        ? `; and ${stats.invalidReasons.length - MAX_REASONS} more`
        : '';
    throw new PermanentCloudTrailParserError(
      `s3://${ref.bucket}/${ref.key}: ${stats.invalidRecords} invalid records: ${listed.join('; ')}${more}`,
      { code: 'LOG_PARSE_ERRORS' }
    );
  }
  return {
    records: stats.records,
    bytes: stats.bytes,
    alerts: alerts.published,
    duplicates: alerts.duplicates,
    isDigest: stats.isDigest,
  };
}
