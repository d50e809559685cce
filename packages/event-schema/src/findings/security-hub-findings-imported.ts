import * as z from 'zod';
import { eventBridgeEnvelope } from '../triggers/eventbridge-envelope';
import { AsffFindingSchema } from './asff-finding';

/** The detail of `Security Hub Findings - Imported`: one or more ASFF findings. */
export const SecurityHubFindingsImportedDetailSchema = z.object({
  findings: z.array(AsffFindingSchema).min(1),
});
export type SecurityHubFindingsImportedDetail = z.infer<typeof SecurityHubFindingsImportedDetailSchema>;

/**
 * Security Hub's `Security Hub Findings - Imported` EventBridge event.
 *
 * @example
 * ```ts
 * const event = parseWith(SecurityHubFindingsImportedEventSchema, raw, 'Security Hub event');
 * for (const finding of event.detail.findings) ingest(finding);
 * ```
 */
export const SecurityHubFindingsImportedEventSchema = eventBridgeEnvelope(
  SecurityHubFindingsImportedDetailSchema
).extend({
  source: z.literal('aws.securityhub'),
  'detail-type': z.literal('Security Hub Findings - Imported'),
});
export type SecurityHubFindingsImportedEvent = z.infer<typeof SecurityHubFindingsImportedEventSchema>;
