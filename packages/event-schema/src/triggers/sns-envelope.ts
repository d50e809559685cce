import { JSONStringified } from '@aws-lambda-powertools/parser/helpers';
import {
  SnsNotificationSchema,
  SnsRecordSchema,
  SnsSchema,
  SnsSqsNotificationSchema,
} from '@aws-lambda-powertools/parser/schemas/sns';
import * as z from 'zod';

/** An SNS-triggered Lambda event (powertools' schema), messages left as strings. */
export const SnsEventSchema = SnsSchema;
export type SnsEvent = z.infer<typeof SnsEventSchema>;

/** One SNS record of a Lambda event, the SNS notification itself, and the notification as SQS receives it. */
export { SnsNotificationSchema, SnsRecordSchema, SnsSqsNotificationSchema };
export type SnsNotification = z.infer<typeof SnsNotificationSchema>;
export type SnsSqsNotification = z.infer<typeof SnsSqsNotificationSchema>;

/**
 * An SNS-triggered Lambda event whose every `Message` is JSON matching `message`.
 *
 * @example
 * ```ts
 * const EventSchema = snsEnvelope(CloudTrailSnsNoticeSchema);
 * ```
 */
export function snsEnvelope<Message extends z.ZodType>(message: Message) {
  return z.object({
    Records: z
      .array(
        SnsRecordSchema.extend({ Sns: SnsNotificationSchema.extend({ Message: JSONStringified(message) }) })
      )
      .min(1),
  });
}

/**
 * An SNS notification as an SQS queue receives it (no raw message delivery), `Message` being JSON
 * matching `message`.
 *
 * @example
 * ```ts
 * const BodySchema = snsSqsNotificationEnvelope(S3NotificationMessageSchema);
 * ```
 */
export function snsSqsNotificationEnvelope<Message extends z.ZodType>(message: Message) {
  return SnsSqsNotificationSchema.extend({ Message: JSONStringified(message) });
}
