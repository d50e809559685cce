import * as z from 'zod';
import { IsoDateTimeSchema, NonEmptyStringSchema } from '../common/primitives';
import { UserIdentitySchema } from './user-identity';

/** A resource named by a CloudTrail record (`resources[]`). */
export const CloudTrailResourceSchema = z.looseObject({
  ARN: z.string().optional(),
  accountId: z.string().optional(),
  type: z.string().optional(),
});
export type CloudTrailResource = z.infer<typeof CloudTrailResourceSchema>;

const EVENT_VERSION = /^\d+\.\d+$/;
const INSIGHT = 'AwsCloudTrailInsight';

/** Fields every record has, Insights included. */
const CloudTrailRecordBaseShape = {
  eventVersion: z.string().regex(EVENT_VERSION),
  eventTime: IsoDateTimeSchema,
  awsRegion: NonEmptyStringSchema,
  eventID: NonEmptyStringSchema,
  recipientAccountId: NonEmptyStringSchema,
  eventCategory: z.string().optional(),
  sharedEventID: z.string().optional(),
};

/**
 * A CloudTrail management, data, service, console or network-activity event (any `eventType` except
 * Insights). Permissive: unknown fields are kept, because CloudTrail adds fields all the time; strict on
 * what Vigil relies on (ids, time, source, name, region, account, identity). Pseudonymised data has
 * invalid regions, IPs and account ids, so none of them is checked against a list or a format.
 * Records older than eventVersion 1.02 (no `eventID`, `eventType`, `recipientAccountId`) are rejected.
 */
export const CloudTrailEventRecordSchema = z.looseObject({
  ...CloudTrailRecordBaseShape,
  eventType: NonEmptyStringSchema.refine((type) => type !== INSIGHT, {
    message: 'Insights records must have insightDetails and no eventName',
  }),
  eventSource: NonEmptyStringSchema,
  eventName: NonEmptyStringSchema,
  userIdentity: UserIdentitySchema,
  /** An IP address, or a service name such as `inspector2.amazonaws.com`. */
  sourceIPAddress: z.string().optional(),
  userAgent: z.string().optional(),
  errorCode: z.string().optional(),
  errorMessage: z.string().optional(),
  requestParameters: z.record(z.string(), z.unknown()).nullable().optional(),
  responseElements: z.unknown().optional(),
  additionalEventData: z.unknown().optional(),
  serviceEventDetails: z.unknown().optional(),
  requestID: z.string().optional(),
  apiVersion: z.string().optional(),
  readOnly: z.boolean().optional(),
  managementEvent: z.boolean().optional(),
  resources: z.array(CloudTrailResourceSchema).optional(),
  vpcEndpointId: z.string().optional(),
  sessionCredentialFromConsole: z.string().optional(),
  tlsDetails: z
    .looseObject({
      tlsVersion: z.string().optional(),
      cipherSuite: z.string().optional(),
      clientProvidedHostHeader: z.string().optional(),
    })
    .optional(),
});
export type CloudTrailEventRecord = z.infer<typeof CloudTrailEventRecordSchema>;

/**
 * A CloudTrail Insights record (`eventType: AwsCloudTrailInsight`): no `eventName`, `eventSource` or
 * `userIdentity` at the top level; the API it is about is in `insightDetails`.
 */
export const CloudTrailInsightRecordSchema = z.looseObject({
  ...CloudTrailRecordBaseShape,
  eventType: z.literal(INSIGHT),
  insightDetails: z.looseObject({
    state: z.enum(['Start', 'End']),
    eventSource: NonEmptyStringSchema,
    eventName: NonEmptyStringSchema,
    insightType: NonEmptyStringSchema,
    errorCode: z.string().optional(),
    insightContext: z.unknown().optional(),
  }),
});
export type CloudTrailInsightRecord = z.infer<typeof CloudTrailInsightRecordSchema>;

/**
 * Any CloudTrail record Vigil reads: an event record or an Insights record.
 *
 * @example
 * ```ts
 * const record = parseWith(CloudTrailRecordSchema, value, 'CloudTrail record');
 * if (isCloudTrailInsightRecord(record)) console.log(record.insightDetails.eventName);
 * else console.log(record.eventName);
 * ```
 */
export const CloudTrailRecordSchema = z.union([CloudTrailEventRecordSchema, CloudTrailInsightRecordSchema]);
export type CloudTrailRecord = z.infer<typeof CloudTrailRecordSchema>;

/**
 * Whether a parsed record is an Insights record.
 *
 * @example
 * ```ts
 * const name = isCloudTrailInsightRecord(r) ? r.insightDetails.eventName : r.eventName;
 * ```
 */
export function isCloudTrailInsightRecord(record: CloudTrailRecord): record is CloudTrailInsightRecord {
  return record.eventType === INSIGHT;
}
