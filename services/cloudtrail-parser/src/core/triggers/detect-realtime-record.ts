import { type AlertOrigin, SEVERITY_LABELS } from '@vigil/event-schema';
import { RetryableCloudTrailParserError } from '../../errors';
import type { DetectionEngine } from '../detection-engine';
import type { PrincipalIndex } from '../enrichment/principal-index';
import type { PrincipalStore } from '../enrichment/principal-store';
import { type AlertSinkDeps, type AlertSinkSummary, createAlertSink } from '../publish/alert-sink';
import type { IngestMetrics } from './ingest-metrics';

export interface DetectRealtimeRecordDeps {
  engine(): Promise<DetectionEngine>;
  principalIndex: PrincipalIndex;
  principalStore: PrincipalStore;
  sinkDeps: AlertSinkDeps;
  metrics: IngestMetrics;
}

/**
 * Runs one real-time CloudTrail record (EventBridge `detail`) through the same engine, enrichment and
 * delivery as log files. An issuance is stored first, so later calls with its key resolve to their caller.
 * The alert id is the one the log file will produce later: the ledger lets only the first one out.
 */
export async function detectRealtimeRecord(
  record: Record<string, unknown>,
  origin: AlertOrigin,
  deps: DetectRealtimeRecordDeps
): Promise<AlertSinkSummary> {
  const issued = deps.principalIndex.observe(record);
  if (issued !== undefined) await deps.principalStore.put([issued]);
  const engine = await deps.engine();
  const sink = createAlertSink(origin, deps.sinkDeps);
  for (const rule of engine.evaluate(record)) await sink.add(rule, record);
  await sink.flush();
  const summary = sink.summary();
  deps.metrics.count('Records', 1);
  for (const severity of SEVERITY_LABELS) {
    const count = summary.publishedBySeverity[severity];
    if (count) deps.metrics.alerts(severity, count);
  }
  if (summary.duplicates > 0) deps.metrics.count('DuplicateAlerts', summary.duplicates);
  if (summary.failed.length > 0) {
    const first = summary.failed[0];
    // Lambda retries the async invocation, then sends the event to the real-time DLQ.
    throw new RetryableCloudTrailParserError(
      `${summary.failed.length} alert deliveries failed (first: ${first?.channel} ${first?.reason})`,
      { code: 'ALERT_DELIVERY' }
    );
  }
  return summary;
}
