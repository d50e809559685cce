import * as z from 'zod';
import { S3NotificationMessageSchema } from './s3-notification';
import { sqsRecordEnvelope } from './sqs-envelope';

/**
 * An SQS record whose body is an S3 notification, or S3's one-off `s3:TestEvent` (check it with
 * `isS3TestEvent` and skip it). Keys come out decoded in `s3.object.urlDecodedKey`.
 */
export const S3NotificationSqsRecordSchema = sqsRecordEnvelope(S3NotificationMessageSchema);
export type S3NotificationSqsRecord = z.infer<typeof S3NotificationSqsRecordSchema>;

/**
 * An SQS-triggered Lambda event carrying S3 notifications (S3 → SQS).
 *
 * @example
 * ```ts
 * const event = parseWith(S3NotificationSqsEventSchema, raw, 'S3 via SQS event');
 * ```
 */
export const S3NotificationSqsEventSchema = z.object({
  Records: z.array(S3NotificationSqsRecordSchema).min(1),
});
export type S3NotificationSqsEvent = z.infer<typeof S3NotificationSqsEventSchema>;
