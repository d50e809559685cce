import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { InvalidInputError } from './errors';
import { formatValidationError } from './format-validation-error';
import { logger } from './logger';
import { metrics } from './metrics';

/** Metric counted once per rejected input (event or SQS record). */
export const INVALID_INPUT_METRIC = 'InvalidInput';

/**
 * Turns a validation failure into an `InvalidInputError`, counts the `InvalidInput` metric and logs the
 * readable reason once at warn (message only: a stack trace says nothing about bad input).
 *
 * @example
 * ```ts
 * const result = JobSchema.safeParse(body);
 * if (!result.success) throw recordInvalidInput(result.error, body, { messageId });
 * ```
 */
export function recordInvalidInput(
  error: unknown,
  input: unknown,
  context: Record<string, unknown> = {}
): InvalidInputError {
  const reason = formatValidationError(error, { input });
  metrics.addMetric(INVALID_INPUT_METRIC, MetricUnit.Count, 1);
  logger.warn(`invalid input: ${reason}`, context);
  return new InvalidInputError(`invalid input: ${reason}`, { cause: error });
}
