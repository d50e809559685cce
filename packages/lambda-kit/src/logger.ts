import { Logger } from '@aws-lambda-powertools/logger';
import { search } from '@aws-lambda-powertools/logger/correlationId';

/**
 * The shared powertools logger: JSON lines with the service name from `POWERTOOLS_SERVICE_NAME`
 * (default `vigil`), enriched with the Lambda context by `lambda()`; `correlationIdPath` is a JMESPath.
 *
 * @example
 * ```ts
 * logger.info('alert published', { alertId });
 * ```
 */
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'vigil',
  correlationIdSearchFn: search,
});
