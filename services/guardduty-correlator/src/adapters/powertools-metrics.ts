import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '@vigil/lambda-kit';
import type { CorrelatorMetrics } from '../core/ports';

/** The core's counters as CloudWatch metrics (namespace Vigil, flushed by `lambda()`'s logMetrics). */
export const powertoolsMetrics: CorrelatorMetrics = {
  count(name, value = 1) {
    metrics.addMetric(name, MetricUnit.Count, value);
  },
};
