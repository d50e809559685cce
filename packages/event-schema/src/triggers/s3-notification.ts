import { S3Schema } from '@aws-lambda-powertools/parser/schemas/s3';
import * as z from 'zod';
import { NonEmptyStringSchema } from '../common/primitives';

/**
 * Decodes an object key as S3 notifications write it (URL-encoded form: `+` is a space, `%XX` a byte).
 *
 * @throws URIError when the key holds a malformed `%` sequence
 *
 * @example
 * ```ts
 * decodeS3Key('AWSLogs/1/CloudTrail/my+file%3A1.json.gz'); // 'AWSLogs/1/CloudTrail/my file:1.json.gz'
 * ```
 */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

const PowertoolsS3RecordSchema = S3Schema.shape.Records.element;
const PowertoolsS3MessageSchema = PowertoolsS3RecordSchema.shape.s3;

/** The S3 object of a notification; `urlDecodedKey` is always computed from `key`. */
const S3NotificationObjectSchema = PowertoolsS3MessageSchema.shape.object
  .omit({ urlDecodedKey: true })
  .transform((object, ctx) => {
    try {
      return { ...object, urlDecodedKey: decodeS3Key(object.key) };
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'expected a URL-encoded S3 key',
        input: object.key,
        path: ['key'],
      });
      return z.NEVER;
    }
  });

/**
 * One record of an S3 event notification: powertools' record with two fixes for Vigil — the source IP
 * is any string (powertools only accepts IPv4, real requests also come over IPv6) and
 * `s3.object.urlDecodedKey` always holds the decoded key (use it for `GetObject`).
 */
export const S3NotificationRecordSchema = PowertoolsS3RecordSchema.extend({
  requestParameters: z.object({ sourceIPAddress: z.string() }),
  s3: PowertoolsS3MessageSchema.extend({ object: S3NotificationObjectSchema }),
});
export type S3NotificationRecord = z.infer<typeof S3NotificationRecordSchema>;

/**
 * An S3 event notification (`{"Records":[...]}`), as delivered to Lambda, SQS or SNS.
 *
 * @example
 * ```ts
 * const { Records } = parseWith(S3NotificationSchema, event, 'S3 notification');
 * const keys = Records.map((r) => r.s3.object.urlDecodedKey);
 * ```
 */
export const S3NotificationSchema = z.object({
  Records: z.array(S3NotificationRecordSchema).min(1),
});
export type S3Notification = z.infer<typeof S3NotificationSchema>;

/** The message S3 sends once when a notification destination is configured; it carries no object. */
export const S3TestEventSchema = z.object({
  Service: z.literal('Amazon S3'),
  Event: z.literal('s3:TestEvent'),
  Time: z.string(),
  Bucket: NonEmptyStringSchema,
  RequestId: z.string().optional(),
  HostId: z.string().optional(),
});
export type S3TestEvent = z.infer<typeof S3TestEventSchema>;

/** What an S3 notification destination can receive: a notification or the one-off test event. */
export const S3NotificationMessageSchema = z.union([S3NotificationSchema, S3TestEventSchema]);
export type S3NotificationMessage = z.infer<typeof S3NotificationMessageSchema>;

/**
 * Whether a notification message is the `s3:TestEvent` (to acknowledge and skip).
 *
 * @example
 * ```ts
 * if (isS3TestEvent(message)) return;
 * ```
 */
export function isS3TestEvent(message: S3NotificationMessage): message is S3TestEvent {
  return 'Event' in message && message.Event === 's3:TestEvent';
}
