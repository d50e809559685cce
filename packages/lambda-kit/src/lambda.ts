import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Envelope } from '@aws-lambda-powertools/parser/types';
import middy, { type MiddyfiedHandler } from '@middy/core';
import type { z } from 'zod';
import { logger } from './logger';
import { metrics } from './metrics';
import { type ParsedEvent, parseInput } from './parse-input';

/** Options of {@link lambda}. */
export type LambdaOptions<TSchema extends z.ZodType, TEnvelope extends Envelope> = {
  /** Schema the event (or the envelope's payload) must match; the handler receives the parsed value. */
  schema?: TSchema | undefined;
  /** A powertools envelope (`EventBridgeEnvelope`, `SqsEnvelope`, …) to unwrap before parsing. */
  envelope?: TEnvelope | undefined;
  /** JMESPath of the correlation id in the raw event (powertools `search`), e.g. `detail.correlationId`. */
  correlationIdPath?: string | undefined;
};

/**
 * The one way a Vigil handler is built: middy with, in this order, powertools `logMetrics` (cold start,
 * flushed on success and on error) → `injectLambdaContext` → input parsing (when a schema is given).
 * Invalid input throws `InvalidInputError` with a readable message and counts the `InvalidInput` metric.
 *
 * @example
 * ```ts
 * export const handleJob = async (job: Job) => dispatch(job, deps);
 * export const main = lambda({ schema: JobSchema, envelope: EventBridgeEnvelope }).handler(handleJob);
 * // Without a schema, name the trigger's type (AWS's own envelope; parse what is inside it):
 * export const main = lambda<SQSEvent>().handler((event, context) => processSqsRecords({ event, context, ... }));
 * ```
 */
export function lambda<TEvent = unknown>(options?: {
  correlationIdPath?: string | undefined;
}): MiddyfiedHandler<TEvent>;
export function lambda<TSchema extends z.ZodType, TEnvelope extends Envelope = undefined>(
  options: LambdaOptions<TSchema, TEnvelope> & { schema: TSchema }
): MiddyfiedHandler<ParsedEvent<TSchema, TEnvelope>>;
export function lambda<TSchema extends z.ZodType, TEnvelope extends Envelope = undefined>(
  options: LambdaOptions<TSchema, TEnvelope> = {}
): MiddyfiedHandler | MiddyfiedHandler<ParsedEvent<TSchema, TEnvelope>> {
  const base = middy()
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .use(
      injectLambdaContext(
        logger,
        options.correlationIdPath === undefined ? {} : { correlationIdPath: options.correlationIdPath }
      )
    );
  if (options.schema === undefined) return base;
  return base.use(parseInput({ schema: options.schema, envelope: options.envelope }));
}
