// Runs records through the real engine and stateful rules, like `vigil scan` does (in-memory state, event-time
// order), and returns the alerts as (rule, record) pairs.
import { createDetectionEngine } from '../../../src/core/detection-engine';
import type { Rule } from '../../../src/core/rule';
import { applyStatefulRule, InMemoryRuleStateStore } from '../../../src/core/stateful-rules';

export type CloudTrailRecord = Record<string, unknown>;

export interface CorpusAlert {
  rule: Rule;
  record: CloudTrailRecord;
}

/** Rules that only recognise a tool's user agent: reported, but not counted as behavioural coverage. */
export function isToolUserAgentRule(rule: Rule): boolean {
  return rule.tags?.includes('tool-user-agent') ?? false;
}

export async function scanRecords(
  rules: readonly Rule[],
  records: readonly CloudTrailRecord[]
): Promise<CorpusAlert[]> {
  const engine = createDetectionEngine(rules);
  const store = new InMemoryRuleStateStore();
  const ordered = [...records].sort((a, b) => String(a.eventTime).localeCompare(String(b.eventTime)));
  const alerts: CorpusAlert[] = [];
  for (const record of ordered) {
    for (const rule of engine.evaluate(record)) {
      if ((await applyStatefulRule(rule, record, store)).shouldAlert) {
        alerts.push({ rule, record });
      }
    }
  }
  return alerts;
}

/** `name: count` pairs, most frequent first, for readable reports. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): string[] {
  const counts = new Map<string, number>();
  for (const item of items) {
    counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([name, count]) => `${name}: ${count}`);
}
