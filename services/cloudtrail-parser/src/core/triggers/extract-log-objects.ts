import {
  CloudTrailSnsNoticeSchema,
  formatValidationError,
  S3NotificationSchema,
  S3ObjectCreatedEventSchema,
} from '@vigil/event-schema';
import type { z } from 'zod';
import { PermanentCloudTrailParserError } from '../../errors';
import { isBackfillConfiguration, isBackfillMessage, type TriggerMessageAttributes } from './backfill-marker';
import { classifyLogObjectKey, type LogObjectRef } from './log-object-ref';

/** The trigger forms a log-file message can take. */
export type TriggerForm =
  | 's3-notification'
  | 's3-test-event'
  | 'cloudtrail-sns-notice'
  | 'eventbridge-object-created';

/** What one trigger message announced: the objects to read, and the digests it skipped. */
export interface ExtractedLogObjects {
  form: TriggerForm;
  /** Log and Insights files, in message order, without duplicates. */
  objects: LogObjectRef[];
  /** Digest files (`CloudTrail-Digest/`): they hold no records and are skipped. */
  digests: LogObjectRef[];
}

/** SNS may wrap any form; its envelope nests at most this deep (SNS → SNS fan-out is not a thing). */
const MAX_ENVELOPE_DEPTH = 2;

/**
 * The S3 objects announced by one trigger message: the parsed body of an SQS message or an event
 * delivered directly. Understands S3 notifications (several records per message; URL-encoded keys are
 * decoded; `s3:TestEvent` announces nothing), CloudTrail's SNS log-delivery notice (raw, or inside an SNS
 * notification as SQS receives it without raw delivery), and EventBridge `Object Created` events from
 * `aws.s3`. Throws a `PermanentCloudTrailParserError` (code `UNRECOGNISED_TRIGGER`: the message goes to the DLQ) for anything else.
 * Objects announced by `vigil backfill` (marker in the body, in the SQS message `attributes`, or
 * `s3.configurationId: vigil-backfill` on the record) come out with `isBackfill: true`.
 */
export function extractLogObjects(
  message: unknown,
  attributes?: TriggerMessageAttributes | undefined
): ExtractedLogObjects {
  return extract(message, 0, isBackfillMessage(message, attributes));
}

function extract(message: unknown, depth: number, isBackfill: boolean): ExtractedLogObjects {
  if (!isObject(message)) throw unrecognised(`expected a JSON object, got ${describe(message)}`);

  if (message.Type === 'Notification' && typeof message.Message === 'string' && depth < MAX_ENVELOPE_DEPTH) {
    const inner = parseJson(message.Message, 'SNS Message');
    return extract(inner, depth + 1, isBackfill || isBackfillMessage(inner));
  }
  if (message.Event === 's3:TestEvent') return { form: 's3-test-event', objects: [], digests: [] };
  if (Array.isArray(message.Records)) {
    const { Records } = parse(S3NotificationSchema, message, 'S3 notification');
    const refs = Records.filter((record) => record.eventName.startsWith('ObjectCreated:')).map((record) =>
      toRef({
        bucket: record.s3.bucket.name,
        key: record.s3.object.urlDecodedKey,
        versionId: record.s3.object.versionId,
        etag: record.s3.object.eTag,
        size: record.s3.object.size,
        isBackfill: isBackfill || isBackfillConfiguration(record.s3.configurationId),
      })
    );
    return split('s3-notification', refs);
  }
  if ('s3Bucket' in message || 's3ObjectKey' in message) {
    const notice = parse(CloudTrailSnsNoticeSchema, message, 'CloudTrail SNS notice');
    return split(
      'cloudtrail-sns-notice',
      notice.s3ObjectKey.map((key) => toRef({ bucket: notice.s3Bucket, key, isBackfill }))
    );
  }
  if (message.source === 'aws.s3' && message['detail-type'] === 'Object Created') {
    const { detail } = parse(S3ObjectCreatedEventSchema, message, 'S3 Object Created event');
    return split('eventbridge-object-created', [
      toRef({
        bucket: detail.bucket.name,
        key: detail.object.key,
        versionId: detail.object['version-id'],
        etag: detail.object.etag,
        size: detail.object.size,
        isBackfill,
      }),
    ]);
  }
  throw unrecognised(
    'expected an S3 notification, a CloudTrail SNS notice, an EventBridge Object Created event or an SNS notification of one'
  );
}

function toRef(fields: Omit<LogObjectRef, 'kind'>): LogObjectRef {
  const ref: LogObjectRef = {
    bucket: fields.bucket,
    key: fields.key,
    kind: classifyLogObjectKey(fields.key),
  };
  if (fields.versionId) ref.versionId = fields.versionId;
  // S3 quotes ETags in GetObject/HeadObject but not in notifications: keep one spelling.
  if (fields.etag) ref.etag = fields.etag.replace(/^"|"$/g, '');
  if (fields.size !== undefined) ref.size = fields.size;
  if (fields.isBackfill) ref.isBackfill = true;
  return ref;
}

function split(form: TriggerForm, refs: LogObjectRef[]): ExtractedLogObjects {
  const seen = new Set<string>();
  const objects: LogObjectRef[] = [];
  const digests: LogObjectRef[] = [];
  for (const ref of refs) {
    const id = `${ref.bucket}\u0000${ref.key}\u0000${ref.versionId ?? ''}`;
    if (seen.has(id)) continue;
    seen.add(id);
    (ref.kind === 'digest' ? digests : objects).push(ref);
  }
  return { form, objects, digests };
}

function parse<TSchema extends z.ZodType>(schema: TSchema, value: unknown, what: string): z.output<TSchema> {
  const result = schema.safeParse(value);
  if (!result.success) throw unrecognised(`${what}: ${formatValidationError(result.error)}`);
  return result.data;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw unrecognised(`${what}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

function unrecognised(reason: string): PermanentCloudTrailParserError {
  return new PermanentCloudTrailParserError(`unrecognised log-file trigger: ${reason}`, {
    code: 'UNRECOGNISED_TRIGGER',
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}
