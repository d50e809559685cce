import { S3EventNotificationEventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/s3';
import * as z from 'zod';

const PowertoolsDetailSchema = S3EventNotificationEventBridgeSchema.shape.detail;

/**
 * The `detail` of an S3 `Object Created` EventBridge event. Unlike S3 notifications, EventBridge
 * carries the object key as is (not URL-encoded). The source IP may be IPv6 (powertools only allows IPv4).
 */
export const S3ObjectCreatedDetailSchema = PowertoolsDetailSchema.extend({
  'source-ip-address': z.string().optional(),
});
export type S3ObjectCreatedDetail = z.infer<typeof S3ObjectCreatedDetailSchema>;

/**
 * An EventBridge `Object Created` event from `aws.s3` (buckets with EventBridge notifications on).
 *
 * @example
 * ```ts
 * const { detail } = parseWith(S3ObjectCreatedEventSchema, event, 'Object Created event');
 * const key = detail.object.key;
 * ```
 */
export const S3ObjectCreatedEventSchema = S3EventNotificationEventBridgeSchema.extend({
  source: z.literal('aws.s3'),
  'detail-type': z.literal('Object Created'),
  detail: S3ObjectCreatedDetailSchema,
});
export type S3ObjectCreatedEvent = z.infer<typeof S3ObjectCreatedEventSchema>;
