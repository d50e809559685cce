import * as z from 'zod';
import { NonEmptyStringSchema } from '../common/primitives';
import { eventBridgeEnvelope } from '../triggers/eventbridge-envelope';

/**
 * A native GuardDuty finding (the `detail` of a `GuardDuty Finding` event, or a `GetFindings` item).
 * The resource and service sections vary by finding type and stay open; what correlation needs is checked.
 */
export const GuardDutyFindingSchema = z.looseObject({
  schemaVersion: NonEmptyStringSchema,
  accountId: NonEmptyStringSchema,
  region: NonEmptyStringSchema,
  partition: NonEmptyStringSchema,
  id: NonEmptyStringSchema,
  arn: NonEmptyStringSchema,
  type: NonEmptyStringSchema,
  /** Which resource (instance, access key, bucket, EKS/ECS/Lambda/RDS...) the finding is about. */
  resource: z.looseObject({ resourceType: NonEmptyStringSchema }).optional(),
  service: z.looseObject({
    serviceName: z.string().optional(),
    detectorId: z.string().optional(),
    action: z.looseObject({ actionType: z.string().optional() }).nullish(),
    archived: z.boolean().optional(),
    count: z.number().int().nonnegative().optional(),
    eventFirstSeen: z.string().optional(),
    eventLastSeen: z.string().optional(),
    resourceRole: z.string().optional(),
    additionalInfo: z.record(z.string(), z.unknown()).nullish(),
  }),
  /** 1.0–10.0 (GuardDuty's scale; see `guardDutySeverityLabel`). */
  severity: z.number().min(0).max(10),
  createdAt: NonEmptyStringSchema,
  updatedAt: NonEmptyStringSchema,
  title: NonEmptyStringSchema,
  description: z.string(),
});
export type GuardDutyFinding = z.infer<typeof GuardDutyFindingSchema>;

/**
 * The native `GuardDuty Finding` EventBridge event.
 *
 * @example
 * ```ts
 * const { detail } = parseWith(GuardDutyFindingEventSchema, event, 'GuardDuty event');
 * ```
 */
export const GuardDutyFindingEventSchema = eventBridgeEnvelope(GuardDutyFindingSchema).extend({
  source: z.literal('aws.guardduty'),
  'detail-type': z.literal('GuardDuty Finding'),
});
export type GuardDutyFindingEvent = z.infer<typeof GuardDutyFindingEventSchema>;
