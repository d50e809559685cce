import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import type { z } from 'zod';

/**
 * Any EventBridge event (detail left `unknown`). Powertools' schema, re-exported under Vigil's name.
 */
export const EventBridgeEventSchema = EventBridgeSchema;
export type EventBridgeEvent = z.infer<typeof EventBridgeEventSchema>;

/**
 * The EventBridge envelope with a typed `detail` (powertools' `EventBridgeSchema` extended, as STYLE §3 asks).
 *
 * @example
 * ```ts
 * const OrderPlacedEventSchema = EventBridgeEnvelopeSchema(z.object({ orderId: z.string() }));
 * type OrderPlacedEvent = z.infer<typeof OrderPlacedEventSchema>;
 * ```
 */
export function EventBridgeEnvelopeSchema<Detail extends z.ZodType>(detail: Detail) {
  return EventBridgeSchema.extend({ detail });
}

/**
 * Same as {@link EventBridgeEnvelopeSchema}, in the camelCase spelling used for schema factories.
 *
 * @example
 * ```ts
 * const schema = eventBridgeEnvelope(VigilAlertSchema);
 * ```
 */
export const eventBridgeEnvelope = EventBridgeEnvelopeSchema;
