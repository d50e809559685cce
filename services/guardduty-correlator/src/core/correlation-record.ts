import { createHash } from 'node:crypto';
import { z } from 'zod';
import { toIso } from './parse-timestamp';

/** A member finding of a correlation, as recorded (enough to list it in `RelatedFindings`). */
export const CorrelationMemberSchema = z.object({
  sortKey: z.string(),
  findingId: z.string(),
  productArn: z.string(),
  productKey: z.string(),
  title: z.string(),
  accountId: z.string(),
  signals: z.array(z.string()),
});
export type CorrelationMember = z.infer<typeof CorrelationMemberSchema>;

/**
 * A correlation as stored under its resource: one per rule and episode. `version` counts member-set
 * changes; `importedVersion` is the last version Security Hub received, so a crash between the record write
 * and the import is finished by the next run, and a redelivery with nothing new imports nothing.
 */
export const CorrelationRecordSchema = z.object({
  resourceKey: z.string(),
  sortKey: z.string(),
  ruleId: z.string(),
  correlationId: z.string(),
  windowStartMs: z.number(),
  windowEndMs: z.number(),
  members: z.array(CorrelationMemberSchema).min(1),
  version: z.number().int().positive(),
  importedVersion: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CorrelationRecord = z.infer<typeof CorrelationRecordSchema>;

/** Sort keys of correlation records start with this (after every product key: `~` sorts last). */
export const CORRELATION_SORT_PREFIX = '~correlation#';

/** The record's sort key: rule and window start. */
export function correlationSortKey(ruleId: string, windowStartMs: number): string {
  return `${CORRELATION_SORT_PREFIX}${ruleId}#${toIso(windowStartMs)}`;
}

/**
 * The correlated finding's ASFF `Id`: deterministic from rule, resource key and window start, so every
 * matcher run (and every redelivery) that sees the same episode names the same finding.
 *
 * @example correlationId('ec2-backdoor-critical-cves', 'ec2-instance:i-0abc', Date.parse('2024-06-01T10:00:00Z'))
 */
export function correlationId(ruleId: string, resourceKey: string, windowStartMs: number): string {
  const digest = createHash('sha256')
    .update(`${ruleId}|${resourceKey}|${toIso(windowStartMs)}`)
    .digest('hex');
  return `vigil-correlator/${ruleId}/${digest.slice(0, 32)}`;
}
