import { parseDuration, parseRule, type Rule } from '../rule';
import type { WatchlistEntry } from './watchlist-entry';

/** The rules after the watchlist, and entries that could not be applied (with the reason). */
export interface WatchlistOutcome {
  rules: Rule[];
  problems: { ruleId: string; reason: string }[];
}

/**
 * Applies watchlist entries to the rule pack: additions (validated like any native rule, origin
 * `watchlist`), then disables and overrides by rule id. An entry that does not apply (bad rule document,
 * unknown rule id, bad duration) is reported and skipped: one bad item never takes detection down.
 */
export function applyWatchlist(rules: readonly Rule[], entries: readonly WatchlistEntry[]): WatchlistOutcome {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const problems: WatchlistOutcome['problems'] = [];
  for (const entry of entries) {
    if (entry.action !== 'add') continue;
    try {
      const rule = parseRule(entry.rule, 'watchlist');
      if (rule.id !== entry.ruleId) throw new Error(`rule id "${rule.id}" differs from the item's ruleId`);
      byId.set(rule.id, rule);
    } catch (error) {
      problems.push({ ruleId: entry.ruleId, reason: reasonOf(error) });
    }
  }
  for (const entry of entries) {
    if (entry.action === 'add') continue;
    const rule = byId.get(entry.ruleId);
    if (rule === undefined) {
      problems.push({ ruleId: entry.ruleId, reason: 'no rule with this id' });
      continue;
    }
    if (entry.action === 'disable') {
      byId.set(rule.id, { ...rule, enabled: false });
      continue;
    }
    try {
      const { override } = entry;
      if (override.dedup) parseDuration(override.dedup.window);
      if (override.threshold) parseDuration(override.threshold.window);
      const merged: Rule = { ...rule };
      for (const [field, value] of Object.entries(override)) {
        if (value !== undefined) Object.assign(merged, { [field]: value });
      }
      byId.set(rule.id, merged);
    } catch (error) {
      problems.push({ ruleId: entry.ruleId, reason: reasonOf(error) });
    }
  }
  return { rules: [...byId.values()], problems };
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
