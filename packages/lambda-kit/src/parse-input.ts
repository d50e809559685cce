import { parser } from '@aws-lambda-powertools/parser/middleware';
import type {
  ArrayEnvelope,
  DynamoDBArrayEnvelope,
  DynamoDBStreamEnvelopeResponse,
  Envelope,
} from '@aws-lambda-powertools/parser/types';
import type { MiddlewareObj } from '@middy/core';
import type { z } from 'zod';
import { recordInvalidInput } from './record-invalid-input';

/** The event a handler receives after parsing with `schema`, unwrapped by `envelope` when given. */
export type ParsedEvent<TSchema extends z.ZodType, TEnvelope extends Envelope> = undefined extends TEnvelope
  ? z.output<TSchema>
  : TEnvelope extends DynamoDBArrayEnvelope
    ? DynamoDBStreamEnvelopeResponse<z.output<TSchema>>[]
    : TEnvelope extends ArrayEnvelope
      ? z.output<TSchema>[]
      : z.output<TSchema>;

/**
 * Middy middleware: the powertools parser, with its failure turned into an `InvalidInputError`
 * (readable message, `InvalidInput` metric, one warn log line).
 *
 * @example
 * ```ts
 * middy().use(parseInput({ schema: JobSchema, envelope: EventBridgeEnvelope })).handler(async (job) => job.id);
 * ```
 */
export function parseInput<TSchema extends z.ZodType, TEnvelope extends Envelope = undefined>(options: {
  schema: TSchema;
  envelope?: TEnvelope | undefined;
}): MiddlewareObj<ParsedEvent<TSchema, TEnvelope>> {
  const inner = parser({ schema: options.schema, envelope: options.envelope });
  return {
    name: 'vigilParseInput',
    before: (request) => {
      const raw: unknown = request.event;
      try {
        inner.before?.(request);
      } catch (error) {
        throw recordInvalidInput(error, raw, { awsRequestId: request.context.awsRequestId });
      }
    },
  };
}
