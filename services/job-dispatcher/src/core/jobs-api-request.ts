import { IsoDateTimeWithOffsetSchema, JobIdSchema, ScheduleJobRequestSchema } from '@vigil/event-schema';
import { z } from 'zod';

/** Most jobs one `list` returns. */
export const MAX_LIST_LIMIT = 1000;

/**
 * A request to the scheduling API Lambda (direct invocation, or the `vigil jobs` command):
 * schedule a job, cancel or get one by id, or list the jobs due in a time range.
 */
export const JobsApiRequestSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('schedule'), job: ScheduleJobRequestSchema }),
  z.object({ action: z.literal('cancel'), jobId: JobIdSchema }),
  z.object({ action: z.literal('get'), jobId: JobIdSchema }),
  z
    .object({
      action: z.literal('list'),
      from: IsoDateTimeWithOffsetSchema,
      to: IsoDateTimeWithOffsetSchema,
      limit: z.number().int().min(1).max(MAX_LIST_LIMIT).default(100),
    })
    .refine((request) => Date.parse(request.from) <= Date.parse(request.to), {
      message: 'expected from at or before to',
      path: ['to'],
    }),
]);
export type JobsApiRequest = z.infer<typeof JobsApiRequestSchema>;
