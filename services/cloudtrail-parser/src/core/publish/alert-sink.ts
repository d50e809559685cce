import type { AlertOrigin, SeverityLabel, VigilAlert } from '@vigil/event-schema';
import { buildAlert } from '../build-alert';
import type { AccountDirectory } from '../enrichment/account-directory';
import type { PrincipalLookup } from '../enrichment/principal-store';
import { resolveActor } from '../enrichment/resolve-actor';
import type { Rule } from '../rule';
import { applyStatefulRule, type RuleStateStore } from '../stateful-rules';
import type { DeliveryReport } from './deliver-alerts';

export interface AlertSinkDeps {
  ruleState: RuleStateStore;
  principals: PrincipalLookup;
  accounts?: AccountDirectory | undefined;
  deliver(alerts: readonly VigilAlert[]): Promise<DeliveryReport>;
}

/** What a sink did with the matches it was given. */
export interface AlertSinkSummary {
  matches: number;
  /** Matches a threshold or dedup window held back. */
  suppressed: number;
  published: number;
  publishedBySeverity: Partial<Record<SeverityLabel, number>>;
  duplicates: number;
  failed: DeliveryReport['failed'];
}

/** Alerts are delivered in groups of this many while a log is still being read (bounded memory). */
const FLUSH_AT = 100;

/**
 * Turns rule matches into delivered alerts: threshold/dedup, the actor behind the session, the alert
 * (deterministic id), then delivery in groups. Call `flush` at the end; `summary` tells what happened.
 * With `isBackfill` (past logs sent by `vigil backfill`) every alert is marked `backfill: true`.
 */
export function createAlertSink(
  origin: AlertOrigin,
  deps: AlertSinkDeps,
  options: { isBackfill?: boolean | undefined } = {}
) {
  const backfill = options.isBackfill === true ? true : undefined;
  let pending: VigilAlert[] = [];
  const summary: AlertSinkSummary = {
    matches: 0,
    suppressed: 0,
    published: 0,
    publishedBySeverity: {},
    duplicates: 0,
    failed: [],
  };

  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const report = await deps.deliver(batch);
    summary.published += report.published.length;
    for (const alert of report.published) {
      summary.publishedBySeverity[alert.severity] = (summary.publishedBySeverity[alert.severity] ?? 0) + 1;
    }
    summary.duplicates += report.duplicates.length;
    summary.failed.push(...report.failed);
  };

  return {
    async add(rule: Rule, record: Record<string, unknown>): Promise<void> {
      summary.matches++;
      const decision = await applyStatefulRule(rule, record, deps.ruleState);
      if (!decision.shouldAlert) {
        summary.suppressed++;
        return;
      }
      const actor = await resolveActor(record, { principals: deps.principals, accounts: deps.accounts });
      pending.push(buildAlert(rule, record, { origin, actor, threshold: decision.threshold, backfill }));
      if (pending.length >= FLUSH_AT) await flush();
    },
    flush,
    summary(): AlertSinkSummary {
      return summary;
    },
  };
}

export type AlertSink = ReturnType<typeof createAlertSink>;
