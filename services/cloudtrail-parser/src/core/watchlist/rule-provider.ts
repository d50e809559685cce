import { createDetectionEngine, type DetectionEngine } from '../detection-engine';
import type { Rule } from '../rule';
import { applyWatchlist } from './apply-watchlist';
import type { WatchlistStore } from './watchlist-entry';

export interface RuleProviderDeps {
  /** The rule pack the watchlist applies to (loaded once, on first use). */
  builtin(): Promise<readonly Rule[]>;
  watchlist: WatchlistStore;
  /** How long one watchlist read (and the engine compiled from it) is reused. */
  cacheSeconds: number;
  /** Epoch milliseconds. */
  now(): number;
  onProblem?(problem: { ruleId: string; reason: string }): void;
  onStaleWatchlist?(error: unknown): void;
}

/** The rules in force and their compiled engine. */
export interface ActiveRules {
  rules: readonly Rule[];
  engine: DetectionEngine;
}

/**
 * Serves the detection engine for the built-in pack plus the runtime watchlist, re-reading the watchlist
 * at most every `cacheSeconds`. When the watchlist cannot be read, the last good rules stay in force
 * (the built-in pack alone on a cold start): detection never stops because its table is unavailable.
 */
export function createRuleProvider(deps: RuleProviderDeps): { active(): Promise<ActiveRules> } {
  let builtin: readonly Rule[] | undefined;
  let current: ActiveRules | undefined;
  let freshUntil = 0;
  return {
    async active() {
      if (current !== undefined && deps.now() < freshUntil) return current;
      builtin ??= await deps.builtin();
      try {
        const { entries, problems } = await deps.watchlist.list();
        const outcome = applyWatchlist(builtin, entries);
        for (const problem of [...problems, ...outcome.problems]) deps.onProblem?.(problem);
        current = { rules: outcome.rules, engine: createDetectionEngine(outcome.rules) };
      } catch (error) {
        deps.onStaleWatchlist?.(error);
        current ??= { rules: builtin, engine: createDetectionEngine(builtin) };
      }
      freshUntil = deps.now() + deps.cacheSeconds * 1000;
      return current;
    },
  };
}
