import { z } from 'zod';
import { SEVERITIES } from '../rule';

/**
 * One item of the watchlist table: a rule added, disabled or overridden at run time, without a redeploy.
 * - `add`: `rule` is a native rule document (its `id` must equal `ruleId`); it replaces a rule of that id.
 * - `disable`: the rule of that id stops alerting.
 * - `override`: the listed fields replace the rule's own (severity, enabled, title, runbook, dedup…).
 */
export const WatchlistEntrySchema = z.discriminatedUnion('action', [
  z.object({ ruleId: z.string().min(1), action: z.literal('add'), rule: z.record(z.string(), z.unknown()) }),
  z.object({ ruleId: z.string().min(1), action: z.literal('disable') }),
  z.object({
    ruleId: z.string().min(1),
    action: z.literal('override'),
    override: z
      .strictObject({
        severity: z.enum(SEVERITIES).optional(),
        enabled: z.boolean().optional(),
        title: z.string().min(1).optional(),
        description: z.string().min(1).optional(),
        runbook: z.string().min(1).optional(),
        dedup: z.strictObject({ window: z.string(), key: z.array(z.string()).min(1) }).optional(),
        threshold: z
          .strictObject({ count: z.number().int().min(1), window: z.string(), groupBy: z.array(z.string()) })
          .optional(),
      })
      .refine((override) => Object.keys(override).length > 0, 'an override needs at least one field'),
  }),
]);
export type WatchlistEntry = z.infer<typeof WatchlistEntrySchema>;

/** Reads the watchlist (the DynamoDB table in the Lambda). Items that do not parse come back as problems. */
export interface WatchlistStore {
  list(): Promise<{ entries: WatchlistEntry[]; problems: { ruleId: string; reason: string }[] }>;
}
