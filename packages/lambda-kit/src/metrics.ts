import { Metrics } from '@aws-lambda-powertools/metrics';
import { logger } from './logger';

/** CloudWatch namespace shared by every Vigil function, so one dashboard sees all services. */
export const METRICS_NAMESPACE = 'Vigil';

/**
 * The shared powertools metrics (EMF), namespace `Vigil`, `service` dimension from
 * `POWERTOOLS_SERVICE_NAME` (default `vigil`). `lambda()` flushes it after every invocation, errors included.
 *
 * @example
 * ```ts
 * import { MetricUnit } from '@aws-lambda-powertools/metrics';
 * metrics.addMetric('AlertsPublished', MetricUnit.Count, alerts.length);
 * ```
 */
export const metrics = new Metrics({
  namespace: METRICS_NAMESPACE,
  serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'vigil',
  // Its own warnings (e.g. "no application metrics") go through the structured logger and its level,
  // not straight to the console.
  logger,
});
