import * as z from 'zod';
import { defineEventContract } from '../common/event-contract';
import { IsoDateTimeSchema, NonEmptyStringSchema, SchemaVersionSchema } from '../common/primitives';
import { SeverityLabelSchema } from '../findings/severity';
import { AlertActorSchema } from './alert-actor';
import { AlertOriginSchema } from './alert-origin';
import { MitreTechniqueSchema } from './mitre-technique';

/** The CloudTrail record an alert is about, summarised. */
export const AlertEventSummarySchema = z.object({
  eventID: NonEmptyStringSchema,
  eventTime: IsoDateTimeSchema,
  eventSource: NonEmptyStringSchema,
  eventName: NonEmptyStringSchema,
  eventType: z.string().optional(),
  awsRegion: NonEmptyStringSchema,
  recipientAccountId: NonEmptyStringSchema,
  sourceIPAddress: z.string().optional(),
  userAgent: z.string().optional(),
  errorCode: z.string().optional(),
  errorMessage: z.string().optional(),
  readOnly: z.boolean().optional(),
});
export type AlertEventSummary = z.infer<typeof AlertEventSummarySchema>;

/** A resource the record touched (from CloudTrail `resources[]` or the rule's extraction). */
export const AlertResourceSchema = z.object({
  arn: NonEmptyStringSchema,
  type: z.string().optional(),
  accountId: z.string().optional(),
});
export type AlertResource = z.infer<typeof AlertResourceSchema>;

/**
 * The detail of `Vigil Alert` (source `vigil.cloudtrail`): one rule matched one CloudTrail record
 * (or, for threshold rules, the record that crossed the threshold).
 *
 * @example
 * ```ts
 * const alert = parseWith(VigilAlertSchema, detail, 'Vigil alert');
 * ```
 */
export const VigilAlertSchema = z.object({
  schemaVersion: SchemaVersionSchema,
  /** Deterministic: derived from the rule id and the event id, so a re-processed file alerts once. */
  id: NonEmptyStringSchema,
  ruleId: NonEmptyStringSchema,
  title: NonEmptyStringSchema,
  severity: SeverityLabelSchema,
  description: z.string().optional(),
  runbook: z.string().optional(),
  mitre: z.array(MitreTechniqueSchema),
  event: AlertEventSummarySchema,
  actor: AlertActorSchema,
  resources: z.array(AlertResourceSchema),
  origin: AlertOriginSchema,
  /** Set by threshold rules: how many matching records were seen in the window. */
  threshold: z
    .object({
      count: z.number().int().positive(),
      windowSeconds: z.number().int().positive(),
      groupKey: z.string().optional(),
    })
    .optional(),
  /** True when the alert comes from a backfill over past logs (routed apart from live alerts). */
  backfill: z.boolean().optional(),
});
export type VigilAlert = z.infer<typeof VigilAlertSchema>;

/**
 * Contract of the CloudTrail parser's alerts on the bus.
 *
 * @example
 * ```ts
 * events:
 *   - eventBridge: { pattern: VIGIL_ALERT.pattern }
 * ```
 */
export const VIGIL_ALERT = defineEventContract('vigil.cloudtrail', 'Vigil Alert', VigilAlertSchema);
