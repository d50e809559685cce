import * as z from 'zod';
import { IsoDateTimeWithOffsetSchema, SchemaVersionSchema } from '../common/primitives';
import { JobIdSchema } from './job';
import { RecurrenceSchema } from './recurrence';

/** What the dispatcher adds to a job's detail, so consumers can de-duplicate (at-least-once delivery). */
export const VigilJobMetadataSchema = z.object({
  schemaVersion: SchemaVersionSchema,
  jobId: JobIdSchema,
  dueAt: IsoDateTimeWithOffsetSchema,
  dispatchedAt: IsoDateTimeWithOffsetSchema,
  /** 1 for the first delivery attempt. */
  attempt: z.number().int().min(1),
  recurrence: RecurrenceSchema.optional(),
});
export type VigilJobMetadata = z.infer<typeof VigilJobMetadataSchema>;

/**
 * The detail of an event the dispatcher publishes (source `vigil.scheduler`, the job's own
 * detail-type): the job's detail, unchanged, plus `vigilJob`.
 *
 * @example
 * ```ts
 * const { vigilJob, ...detail } = parseWith(DispatchedJobDetailSchema, event.detail, 'job event');
 * if (await seen(vigilJob.jobId, vigilJob.dueAt)) return;
 * ```
 */
export const DispatchedJobDetailSchema = z.looseObject({ vigilJob: VigilJobMetadataSchema });
export type DispatchedJobDetail = z.infer<typeof DispatchedJobDetailSchema>;

/** The `source` of every event the dispatcher publishes for a job. */
export const VIGIL_SCHEDULER_SOURCE = 'vigil.scheduler';
