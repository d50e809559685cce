import { JSONStringified } from '@aws-lambda-powertools/parser/helpers';
import { SqsRecordSchema, SqsSchema } from '@aws-lambda-powertools/parser/schemas/sqs';
import * as z from 'zod';

/** An SQS-triggered Lambda event (powertools' schema), bodies left as strings. */
export const SqsEventSchema = SqsSchema;
export type SqsEvent = z.infer<typeof SqsEventSchema>;

/** One SQS record (powertools' schema), body left as a string. */
export { SqsRecordSchema };
export type SqsRecord = z.infer<typeof SqsRecordSchema>;

/**
 * An SQS record whose body is JSON matching `body`.
 *
 * @example
 * ```ts
 * const RecordSchema = sqsRecordEnvelope(S3NotificationMessageSchema);
 * ```
 */
export function sqsRecordEnvelope<Body extends z.ZodType>(body: Body) {
  return SqsRecordSchema.extend({ body: JSONStringified(body) });
}

/**
 * An SQS-triggered Lambda event whose every record body is JSON matching `body`. Prefer parsing per
 * record (`processSqsRecords`) in handlers so that one bad record fails alone.
 *
 * @example
 * ```ts
 * const EventSchema = sqsEnvelope(CloudTrailSnsNoticeMessageSchema);
 * ```
 */
export function sqsEnvelope<Body extends z.ZodType>(body: Body) {
  return z.object({ Records: z.array(sqsRecordEnvelope(body)).min(1) });
}
