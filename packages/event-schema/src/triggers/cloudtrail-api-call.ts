import * as z from 'zod';
import { CloudTrailEventRecordSchema } from '../cloudtrail/cloudtrail-record';
import { eventBridgeEnvelope } from './eventbridge-envelope';

/** The `source` of CloudTrail events on EventBridge: `aws.<service>` (e.g. `aws.iam`). */
const AwsSourceSchema = z.string().regex(/^aws\.[a-z0-9.-]+$/);

/**
 * EventBridge's `AWS API Call via CloudTrail` event: the detail is a CloudTrail event record (the same
 * schema as records read from log files, so rules see one shape).
 *
 * @example
 * ```ts
 * const { detail } = parseWith(CloudTrailApiCallEventSchema, event, 'CloudTrail API call event');
 * ```
 */
export const CloudTrailApiCallEventSchema = eventBridgeEnvelope(CloudTrailEventRecordSchema).extend({
  source: AwsSourceSchema,
  'detail-type': z.literal('AWS API Call via CloudTrail'),
});
export type CloudTrailApiCallEvent = z.infer<typeof CloudTrailApiCallEventSchema>;

/** EventBridge's `AWS Console Sign In via CloudTrail` event (source `aws.signin`). */
export const CloudTrailConsoleSignInEventSchema = eventBridgeEnvelope(CloudTrailEventRecordSchema).extend({
  source: z.literal('aws.signin'),
  'detail-type': z.literal('AWS Console Sign In via CloudTrail'),
});
export type CloudTrailConsoleSignInEvent = z.infer<typeof CloudTrailConsoleSignInEventSchema>;

/**
 * Any CloudTrail event Vigil consumes in real time: an API call or a console sign-in.
 *
 * @example
 * ```ts
 * const event = parseWith(CloudTrailRealtimeEventSchema, raw, 'CloudTrail event');
 * evaluate(event.detail);
 * ```
 */
export const CloudTrailRealtimeEventSchema = z.union([
  CloudTrailApiCallEventSchema,
  CloudTrailConsoleSignInEventSchema,
]);
export type CloudTrailRealtimeEvent = z.infer<typeof CloudTrailRealtimeEventSchema>;
