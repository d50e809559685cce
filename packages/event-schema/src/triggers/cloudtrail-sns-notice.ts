import { JSONStringified } from '@aws-lambda-powertools/parser/helpers';
import * as z from 'zod';
import { NonEmptyStringSchema } from '../common/primitives';
import { snsEnvelope, snsSqsNotificationEnvelope } from './sns-envelope';
import { sqsRecordEnvelope } from './sqs-envelope';

/**
 * CloudTrail's log-delivery notice, published to the trail's SNS topic for each delivered file batch:
 * `{"s3Bucket": "...", "s3ObjectKey": ["AWSLogs/..."]}`. Keys are plain (not URL-encoded).
 */
export const CloudTrailSnsNoticeSchema = z.object({
  s3Bucket: NonEmptyStringSchema,
  s3ObjectKey: z.array(NonEmptyStringSchema).min(1),
});
export type CloudTrailSnsNotice = z.infer<typeof CloudTrailSnsNoticeSchema>;

/**
 * The body of an SQS message subscribed to CloudTrail's topic, with or without raw message delivery:
 * either the notice itself or the SNS notification wrapping it. Both come out as the notice.
 *
 * @example
 * ```ts
 * const notice = CloudTrailSnsNoticeMessageSchema.parse(JSON.parse(record.body));
 * ```
 */
export const CloudTrailSnsNoticeMessageSchema = z.union([
  CloudTrailSnsNoticeSchema,
  snsSqsNotificationEnvelope(CloudTrailSnsNoticeSchema).transform((notification) => notification.Message),
]);
export type CloudTrailSnsNoticeMessage = z.infer<typeof CloudTrailSnsNoticeMessageSchema>;

/** An SQS record carrying a CloudTrail notice (raw or SNS-wrapped); its body comes out as the notice. */
export const CloudTrailSnsNoticeSqsRecordSchema = sqsRecordEnvelope(CloudTrailSnsNoticeMessageSchema);
export type CloudTrailSnsNoticeSqsRecord = z.infer<typeof CloudTrailSnsNoticeSqsRecordSchema>;

/**
 * An SQS-triggered Lambda event of CloudTrail notices.
 *
 * @example
 * ```ts
 * const event = parseWith(CloudTrailSnsNoticeSqsEventSchema, raw, 'CloudTrail notice event');
 * const keys = event.Records.flatMap((r) => r.body.s3ObjectKey);
 * ```
 */
export const CloudTrailSnsNoticeSqsEventSchema = z.object({
  Records: z.array(CloudTrailSnsNoticeSqsRecordSchema).min(1),
});
export type CloudTrailSnsNoticeSqsEvent = z.infer<typeof CloudTrailSnsNoticeSqsEventSchema>;

/** An SNS-triggered Lambda event of CloudTrail notices (a function subscribed to the trail's topic). */
export const CloudTrailSnsNoticeSnsEventSchema = snsEnvelope(CloudTrailSnsNoticeSchema);
export type CloudTrailSnsNoticeSnsEvent = z.infer<typeof CloudTrailSnsNoticeSnsEventSchema>;

/** A CloudTrail notice inside a JSON string (e.g. an SNS `Message`). */
export const CloudTrailSnsNoticeJsonSchema = JSONStringified(CloudTrailSnsNoticeSchema);
