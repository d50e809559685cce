import type { CorrelationRule } from './correlation-rule';

/** A live finding of one resource, with the signals of the rule being evaluated that it matches. */
export type Candidate = {
  sortKey: string;
  firstSeenMs: number;
  lastSeenMs: number;
  signals: ReadonlySet<string>;
};

/** A rule met on one resource: the window and the findings that met each signal. */
export type RuleMatch<C extends Candidate = Candidate> = {
  /** The window `[windowEndMs - window, windowEndMs]` in which every signal was met. */
  windowEndMs: number;
  /** Earliest first-seen time among the members (the correlation's start). */
  windowStartMs: number;
  members: C[];
  /** Members per signal id (absent signals have none). */
  bySignal: Map<string, C[]>;
};

/**
 * Evaluates one rule over the live findings of one resource, with Panther's group semantics: every
 * signal must be matched by at least `minCount` distinct findings active within one lookback window
 * (an `absent` signal by none), and with `ordered` each signal must reach its count no later than the
 * next one. A finding is active in the window `[T - window, T]` when it was first seen by `T` and last
 * seen at or after `T - window`. Candidate window ends are the members' first-seen times, latest first,
 * so the most recent activity wins. The result does not depend on the order findings arrived in.
 */
export function evaluateRule<C extends Candidate>(
  rule: CorrelationRule,
  candidates: readonly C[]
): RuleMatch<C> | undefined {
  const present = rule.signals.filter((signal) => !signal.absent);
  // Sorted by sort key: the result is the same whatever order the findings were stored or read in.
  const relevant = candidates
    .filter((candidate) => candidate.signals.size > 0)
    .sort((a, b) => a.sortKey.localeCompare(b.sortKey));
  const ends = [...new Set(relevant.map((candidate) => candidate.firstSeenMs))].sort((a, b) => b - a);
  for (const end of ends) {
    const inWindow = relevant.filter(
      (candidate) => candidate.firstSeenMs <= end && candidate.lastSeenMs >= end - rule.window
    );
    const bySignal = new Map<string, C[]>();
    let met = true;
    for (const signal of rule.signals) {
      const matching = inWindow.filter((candidate) => candidate.signals.has(signal.id));
      if (signal.absent ? matching.length > 0 : matching.length < signal.minCount) {
        met = false;
        break;
      }
      if (!signal.absent) bySignal.set(signal.id, matching);
    }
    if (!met) continue;
    if (
      rule.ordered &&
      !isOrdered(
        present.map((signal) => ({ members: bySignal.get(signal.id) ?? [], count: signal.minCount }))
      )
    ) {
      continue;
    }
    const members = relevant.filter((candidate) =>
      [...bySignal.values()].some((list) => list.includes(candidate))
    );
    return {
      windowEndMs: end,
      windowStartMs: Math.min(...members.map((member) => member.firstSeenMs)),
      members,
      bySignal,
    };
  }
  return undefined;
}

/** Each signal reaches its count (its `count`-th earliest first-seen time) no later than the next. */
function isOrdered(steps: { members: Candidate[]; count: number }[]): boolean {
  let previous = Number.NEGATIVE_INFINITY;
  for (const step of steps) {
    const reached = step.members.map((member) => member.firstSeenMs).sort((a, b) => a - b)[step.count - 1];
    if (reached === undefined || reached < previous) return false;
    previous = reached;
  }
  return true;
}
