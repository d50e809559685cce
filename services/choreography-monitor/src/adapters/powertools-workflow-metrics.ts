import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '@vigil/lambda-kit';
import type { WorkflowMetricName, WorkflowMetrics } from '../core/token-store';

/**
 * Workflow metrics as CloudWatch EMF (namespace Vigil): each count once per service (flushed with the
 * invocation by `logMetrics`) and once per choreography (a single metric with a `choreography`
 * dimension, which the per-choreography alarms watch); state durations per choreography and state.
 */
export const powertoolsWorkflowMetrics: WorkflowMetrics = {
  count(name: WorkflowMetricName, choreography: string, value = 1) {
    metrics.addMetric(name, MetricUnit.Count, value);
    const single = metrics.singleMetric();
    single.addDimension('choreography', choreography);
    single.addMetric(name, MetricUnit.Count, value);
  },
  stateDuration(choreography: string, state: string, milliseconds: number) {
    metrics.addMetric('StateDuration', MetricUnit.Milliseconds, milliseconds);
    const single = metrics.singleMetric();
    single.addDimensions({ choreography, state });
    single.addMetric('StateDuration', MetricUnit.Milliseconds, milliseconds);
  },
};
