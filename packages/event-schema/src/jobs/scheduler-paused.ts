import * as z from 'zod';
import { defineEventContract } from '../common/event-contract';
import { IsoDateTimeWithOffsetSchema, NonEmptyStringSchema, SchemaVersionSchema } from '../common/primitives';
import { VIGIL_SCHEDULER_SOURCE } from './dispatched-job';

/** The detail of `Vigil Scheduler Paused`: AWS throttled the dispatcher, which stops until `resumeAt`. */
export const SchedulerPausedSchema = z.object({
  schemaVersion: SchemaVersionSchema,
  pausedAt: IsoDateTimeWithOffsetSchema,
  resumeAt: IsoDateTimeWithOffsetSchema,
  /** Human-readable reason, e.g. `EventBridge PutEvents throttled`. */
  reason: NonEmptyStringSchema,
  /** The throttling service (`events`, `dynamodb`...). */
  service: z.string().optional(),
  errorCode: z.string().optional(),
});
export type SchedulerPaused = z.infer<typeof SchedulerPausedSchema>;

/**
 * Contract of the dispatcher's pause notice.
 *
 * @example
 * ```ts
 * const entry = buildPutEventsEntry(VIGIL_SCHEDULER_PAUSED, detail, busName);
 * ```
 */
export const VIGIL_SCHEDULER_PAUSED = defineEventContract(
  VIGIL_SCHEDULER_SOURCE,
  'Vigil Scheduler Paused',
  SchedulerPausedSchema
);
