import { createHash } from 'node:crypto';

/** The marker telling the parser a notification comes from `vigil backfill`, not from S3 itself. */
export const BACKFILL_ORIGIN = 'backfill';
/** `s3.configurationId` of backfill records (S3 puts the notification configuration's id there). */
export const BACKFILL_CONFIGURATION_ID = 'vigil-backfill';

/** One object to enqueue. */
export interface BackfillObject {
  key: string;
  size: number;
  etag?: string | undefined;
}

/** One SQS message: its body and message attributes (SendMessageBatch entry without the id). */
export interface BackfillMessage {
  body: string;
  attributes: Record<string, string>;
}

/** S3's URL-encoding of keys in notifications: spaces as `+`, slashes kept. */
function encodeKey(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');
}

/**
 * The S3 event notification S3 itself would send for the object (eventVersion 2.1, `ObjectCreated:Put`, one
 * record, key URL-encoded), so the parser reads it like any other. The body also carries
 * `vigilOrigin: 'backfill'` (and `vigilAlertTopicArn` when given) and the same marker as a message
 * attribute: the parser marks the alerts of these objects `backfill: true`.
 */
export function buildBackfillMessage(
  object: BackfillObject,
  context: { bucket: string; region: string; now: Date; alertTopicArn?: string | undefined }
): BackfillMessage {
  // Deterministic per object: a re-sent notification looks the same as the first one.
  const digest = createHash('sha256').update(`${context.bucket}/${object.key}`).digest('hex');
  const s3Object: Record<string, unknown> = { key: encodeKey(object.key), size: object.size };
  if (object.etag !== undefined) s3Object.eTag = object.etag.replace(/"/g, '');
  s3Object.sequencer = digest.slice(0, 16).toUpperCase();
  const record = {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: context.region,
    eventTime: context.now.toISOString(),
    eventName: 'ObjectCreated:Put',
    userIdentity: { principalId: 'vigil-backfill' },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: {
      'x-amz-request-id': digest.slice(16, 32).toUpperCase(),
      'x-amz-id-2': digest.slice(32),
    },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: BACKFILL_CONFIGURATION_ID,
      bucket: {
        name: context.bucket,
        ownerIdentity: { principalId: 'vigil-backfill' },
        arn: `arn:aws:s3:::${context.bucket}`,
      },
      object: s3Object,
    },
  };
  const body: Record<string, unknown> = { Records: [record], vigilOrigin: BACKFILL_ORIGIN };
  const attributes: Record<string, string> = { vigilOrigin: BACKFILL_ORIGIN };
  if (context.alertTopicArn !== undefined) {
    body.vigilAlertTopicArn = context.alertTopicArn;
    attributes.vigilAlertTopicArn = context.alertTopicArn;
  }
  return { body: JSON.stringify(body), attributes };
}
