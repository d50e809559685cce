import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '@vigil/lambda-kit';
import type { IngestCounter, IngestMetrics } from '../core/triggers/ingest-metrics';

const UNITS: Record<IngestCounter, (typeof MetricUnit)[keyof typeof MetricUnit]> = {
  Files: MetricUnit.Count,
  Records: MetricUnit.Count,
  Bytes: MetricUnit.Bytes,
  DigestSkipped: MetricUnit.Count,
  ParseErrors: MetricUnit.Count,
  ParkedMessages: MetricUnit.Count,
  DuplicateAlerts: MetricUnit.Count,
  SuppressedMatches: MetricUnit.Count,
};

/** Ingestion metrics as powertools EMF metrics (namespace `Vigil`), flushed by `lambda()` after each invocation. */
export const powertoolsIngestMetrics: IngestMetrics = {
  count(name, value) {
    metrics.addMetric(name, UNITS[name], value);
  },
  alerts(severity, count) {
    // A dimension of its own: a single-metric object keeps `severity` off the other metrics.
    const single = metrics.singleMetric();
    single.addDimension('severity', severity);
    single.addMetric('Alerts', MetricUnit.Count, count);
  },
  recordsPerSecond(value) {
    metrics.addMetric('RecordsPerSecond', MetricUnit.CountPerSecond, value);
  },
};
