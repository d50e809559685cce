import {
  IsoDateTimeWithOffsetSchema,
  JobIdSchema,
  JobSourceSchema,
  RecurrenceSchema,
} from '@vigil/event-schema';
import { z } from 'zod';

/**
 * A job as the jobs table holds it: the scheduled job plus its keys (`pk` = 5-minute bucket of `fireAt`,
 * `sk` = `<fireAt>#<jobId>`), the time it is dispatched at (`fireAt` = due time + flexible window/jitter
 * offset, never before it was scheduled) and its delivery attempts so far.
 */
export const JobRecordSchema = z.object({
  pk: z.string().startsWith('j#'),
  sk: z.string().min(1),
  jobId: JobIdSchema,
  /** The occurrence's nominal due time (what consumers de-duplicate on with the job id). */
  dueAt: IsoDateTimeWithOffsetSchema,
  /** When it becomes dispatchable (the sort key's time). */
  fireAt: IsoDateTimeWithOffsetSchema,
  detailType: z.string().min(1),
  source: JobSourceSchema,
  detail: z.record(z.string(), z.unknown()),
  targetBus: z.string().min(1).optional(),
  recurrence: RecurrenceSchema.optional(),
  maxAttempts: z.number().int().min(1).optional(),
  maxEventAgeSeconds: z.number().int().min(1).optional(),
  flexibleWindowMinutes: z.number().int().min(1).optional(),
  jitterSeconds: z.number().int().min(0).optional(),
  /** Failed delivery attempts of this occurrence so far. */
  attempts: z.number().int().min(0),
  lastError: z.string().optional(),
  /** When the job was first scheduled; the anchor of `rate(...)` without a start. */
  createdAt: IsoDateTimeWithOffsetSchema,
});
export type JobRecord = z.infer<typeof JobRecordSchema>;

/** The table key of a job item. */
export type JobKey = { pk: string; sk: string };

/** The key of a record. */
export function keyOf(record: Pick<JobRecord, 'pk' | 'sk'>): JobKey {
  return { pk: record.pk, sk: record.sk };
}
