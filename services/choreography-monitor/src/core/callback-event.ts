import type { WorkflowEvent } from '@vigil/event-schema';
import { z } from 'zod';

/**
 * What a waiting state receives with SendTaskSuccess: the event, with `detailType` instead of
 * EventBridge's `detail-type` so JSONPath needs no quoting. Also what the execution input carries
 * as `lastEvent` and what the inbox keeps.
 */
export const CallbackEventSchema = z.object({
  id: z.string().min(1),
  source: z.string().min(1),
  detailType: z.string().min(1),
  time: z.string().min(1),
  detail: z.record(z.string(), z.unknown()),
});
export type CallbackEvent = z.infer<typeof CallbackEventSchema>;

/** The event as a waiting state receives it. */
export function toCallbackEvent(event: WorkflowEvent): CallbackEvent {
  return {
    id: event.id,
    source: event.source,
    detailType: event['detail-type'],
    time: event.time,
    detail: event.detail,
  };
}

/** The id, source, detail-type and time of an event (the `lastEvent` of status events). */
export function summariseEvent(event: CallbackEvent): {
  id: string;
  source: string;
  detailType: string;
  time: string;
} {
  return { id: event.id, source: event.source, detailType: event.detailType, time: event.time };
}
