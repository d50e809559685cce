import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '@vigil/lambda-kit';
import type { TickSummary } from '../core/dispatch-due-jobs';

/**
 * The tick's metrics (namespace Vigil): Due, Dispatched, Failed, DeadLettered, LagP50/LagP99 (ms), Paused.
 * Emitted every tick, zeros included, so the alarms always have data.
 */
export function recordTickMetrics(summary: TickSummary): void {
  metrics.addMetric('Due', MetricUnit.Count, summary.due);
  metrics.addMetric('Dispatched', MetricUnit.Count, summary.dispatched);
  metrics.addMetric('Failed', MetricUnit.Count, summary.failed);
  metrics.addMetric('DeadLettered', MetricUnit.Count, summary.deadLettered);
  metrics.addMetric('Paused', MetricUnit.Count, summary.isPaused ? 1 : 0);
  if (summary.lag.count > 0) {
    metrics.addMetric('LagP50', MetricUnit.Milliseconds, summary.lag.p50);
    metrics.addMetric('LagP99', MetricUnit.Milliseconds, summary.lag.p99);
  }
}
