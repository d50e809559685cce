import * as z from 'zod';
import { IsoDateTimeWithOffsetSchema, NonEmptyStringSchema } from '../common/primitives';
import { RecurrenceSchema } from './recurrence';

/** EventBridge's limit for one entry; the detail must leave room for the envelope and `vigilJob`. */
export const MAX_JOB_DETAIL_BYTES = 200 * 1024;

/** A job id: safe in a DynamoDB sort key (`<due>#<jobId>`) and in logs. */
export const JobIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:@-]+$/, 'expected letters, digits and . _ : @ - only');

/** The event source a job publishes as; `aws.*` is reserved by EventBridge. */
export const JobSourceSchema = z
  .string()
  .min(1)
  .max(256)
  .refine((s) => !s.startsWith('aws.'), 'expected a source not starting with aws. (reserved by AWS)');

const jobFields = {
  jobId: JobIdSchema,
  /** When the job is due (ISO 8601 with Z or an offset). */
  dueAt: IsoDateTimeWithOffsetSchema,
  detailType: z.string().min(1).max(128),
  source: JobSourceSchema,
  detail: z.record(z.string(), z.unknown()),
  /** A bus name or ARN; the stage's bus when absent. */
  targetBus: NonEmptyStringSchema.optional(),
  recurrence: RecurrenceSchema.optional(),
  maxAttempts: z.number().int().min(1).max(185).optional(),
  maxEventAgeSeconds: z.number().int().min(60).max(86_400).optional(),
  /** Spread the dispatch randomly within this many minutes after `dueAt`. */
  flexibleWindowMinutes: z.number().int().min(1).max(1440).optional(),
  /** Add up to this many seconds of random delay. */
  jitterSeconds: z.number().int().min(0).max(3600).optional(),
};

function checkDetailSize(job: { detail: Record<string, unknown> }, ctx: z.RefinementCtx): void {
  const bytes = Buffer.byteLength(JSON.stringify(job.detail));
  if (bytes > MAX_JOB_DETAIL_BYTES) {
    ctx.addIssue({
      code: 'custom',
      path: ['detail'],
      message: `expected a detail of at most ${MAX_JOB_DETAIL_BYTES} bytes of JSON, got ${bytes}`,
    });
  }
}

/**
 * A scheduled job: at `dueAt`, publish `detail` as `source`/`detailType` to the target bus.
 *
 * @example
 * ```ts
 * const job = parseWith(JobSchema, item, 'job');
 * ```
 */
export const JobSchema = z.object(jobFields).superRefine(checkDetailSize);
export type Job = z.infer<typeof JobSchema>;

/**
 * A request to schedule a job. `jobId` makes scheduling idempotent (generated when absent); `dueAt` may
 * be left out for a recurring job (its first occurrence is then computed).
 *
 * @example
 * ```ts
 * const request = parseWith(ScheduleJobRequestSchema, body, 'schedule request');
 * ```
 */
export const ScheduleJobRequestSchema = z
  .object({ ...jobFields, jobId: JobIdSchema.optional(), dueAt: IsoDateTimeWithOffsetSchema.optional() })
  .superRefine((request, ctx) => {
    checkDetailSize(request, ctx);
    if (request.dueAt === undefined && request.recurrence === undefined) {
      ctx.addIssue({ code: 'custom', path: ['dueAt'], message: 'expected dueAt or recurrence' });
    }
  });
export type ScheduleJobRequest = z.infer<typeof ScheduleJobRequestSchema>;

/**
 * A request to cancel a scheduled job by id.
 *
 * @example
 * ```ts
 * CancelJobRequestSchema.parse({ jobId: 'nightly-scan' });
 * ```
 */
export const CancelJobRequestSchema = z.object({ jobId: JobIdSchema });
export type CancelJobRequest = z.infer<typeof CancelJobRequestSchema>;
