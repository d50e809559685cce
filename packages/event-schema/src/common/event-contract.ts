import * as z from 'zod';
import { eventBridgeEnvelope } from '../triggers/eventbridge-envelope';
import { parseWith } from '../validation/parse-with';

/**
 * One of Vigil's own events: who emits it (`source`), what it is (`detailType`) and the schema of its
 * `detail`. Producers, consumers and `serverless.yml` patterns all derive from the same constant.
 */
export type EventContract<
  Source extends string = string,
  DetailType extends string = string,
  Schema extends z.ZodType = z.ZodType,
> = {
  readonly source: Source;
  readonly detailType: DetailType;
  /** The schema of `detail`. */
  readonly schema: Schema;
  /** The whole EventBridge event: the envelope with this source, detail-type and detail schema. */
  readonly eventSchema: ReturnType<typeof contractEventSchema<Source, DetailType, Schema>>;
  /** The EventBridge pattern that matches exactly this event, for rules and `serverless.yml`. */
  readonly pattern: { readonly source: [Source]; readonly 'detail-type': [DetailType] };
};

function contractEventSchema<Source extends string, DetailType extends string, Schema extends z.ZodType>(
  source: Source,
  detailType: DetailType,
  schema: Schema
) {
  return eventBridgeEnvelope(schema).extend({
    source: z.literal(source),
    'detail-type': z.literal(detailType),
  });
}

/**
 * Declares an event contract.
 *
 * @example
 * ```ts
 * export const VIGIL_ALERT = defineEventContract('vigil.cloudtrail', 'Vigil Alert', VigilAlertSchema);
 * ```
 */
export function defineEventContract<
  Source extends string,
  DetailType extends string,
  Schema extends z.ZodType,
>(source: Source, detailType: DetailType, schema: Schema): EventContract<Source, DetailType, Schema> {
  return Object.freeze({
    source,
    detailType,
    schema,
    eventSchema: contractEventSchema(source, detailType, schema),
    pattern: Object.freeze({ source: [source] as [Source], 'detail-type': [detailType] as [DetailType] }),
  });
}

/** A `PutEvents` entry (the SDK's `PutEventsRequestEntry` shape, without importing the SDK). */
export type PutEventsEntry = {
  Source: string;
  DetailType: string;
  Detail: string;
  EventBusName: string;
  Resources?: string[] | undefined;
  Time?: Date | undefined;
};

/**
 * Validates `detail` against the contract and builds the `PutEvents` entry for it, so a producer can
 * never publish a detail that its consumers would reject.
 *
 * @throws SchemaValidationError when the detail does not match the contract
 *
 * @example
 * ```ts
 * const entry = buildPutEventsEntry(VIGIL_ALERT, alert, 'vigil-dev');
 * await events.send(new PutEventsCommand({ Entries: [entry] }));
 * ```
 */
export function buildPutEventsEntry<C extends EventContract>(
  contract: C,
  detail: z.input<C['schema']>,
  eventBusName: string,
  options: { resources?: string[] | undefined; time?: Date | undefined } = {}
): PutEventsEntry {
  const parsed = parseWith(contract.schema, detail, `${contract.detailType} detail`);
  return {
    Source: contract.source,
    DetailType: contract.detailType,
    Detail: JSON.stringify(parsed),
    EventBusName: eventBusName,
    ...(options.resources ? { Resources: options.resources } : {}),
    ...(options.time ? { Time: options.time } : {}),
  };
}
