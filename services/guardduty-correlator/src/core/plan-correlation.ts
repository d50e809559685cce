import {
  type CorrelationMember,
  type CorrelationRecord,
  correlationId,
  correlationSortKey,
} from './correlation-record';
import type { CorrelationRule } from './correlation-rule';
import type { RuleMatch } from './evaluate-rule';
import { toIso } from './parse-timestamp';

/** What the matcher must do about one rule match on one resource. */
export type CorrelationPlan =
  /** A new episode: write the record only if absent, then import. */
  | { action: 'create'; record: CorrelationRecord }
  /** New members joined an existing episode: same finding `Id`, next version. */
  | { action: 'update'; record: CorrelationRecord; expectedVersion: number }
  /** The last run wrote the record but did not finish the import. */
  | { action: 'resume'; record: CorrelationRecord }
  /** Already imported with these members (a redelivery or a second run): nothing to do. */
  | { action: 'none'; record: CorrelationRecord };

/**
 * Reconciles a match with the rule's existing correlation records on the resource. A match belongs to an
 * existing episode when it shares a member with it or their spans are within one window of each other;
 * then it updates that correlation (never a second finding), else it starts a new one.
 */
export function planCorrelation(
  rule: CorrelationRule,
  resourceKey: string,
  match: RuleMatch<
    { sortKey: string; firstSeenMs: number; lastSeenMs: number; signals: ReadonlySet<string> } & Omit<
      CorrelationMember,
      'signals'
    >
  >,
  existing: readonly CorrelationRecord[],
  now: number
): CorrelationPlan {
  const members = match.members.map((member) => ({
    sortKey: member.sortKey,
    findingId: member.findingId,
    productArn: member.productArn,
    productKey: member.productKey,
    title: member.title,
    accountId: member.accountId,
    signals: [...member.signals]
      .filter((id) => rule.signals.some((signal) => signal.id === id && !signal.absent))
      .sort(),
  }));
  const episode = findEpisode(rule, match, existing);
  if (episode === undefined) {
    const nowIso = toIso(now);
    return {
      action: 'create',
      record: {
        resourceKey,
        sortKey: correlationSortKey(rule.id, match.windowStartMs),
        ruleId: rule.id,
        correlationId: correlationId(rule.id, resourceKey, match.windowStartMs),
        windowStartMs: match.windowStartMs,
        windowEndMs: match.windowEndMs,
        members,
        version: 1,
        importedVersion: 0,
        createdAt: nowIso,
        updatedAt: nowIso,
      },
    };
  }
  const known = new Set(episode.members.map((member) => member.sortKey));
  const added = members.filter((member) => !known.has(member.sortKey));
  if (added.length === 0) {
    return episode.importedVersion >= episode.version
      ? { action: 'none', record: episode }
      : { action: 'resume', record: episode };
  }
  return {
    action: 'update',
    expectedVersion: episode.version,
    record: {
      ...episode,
      windowEndMs: Math.max(episode.windowEndMs, match.windowEndMs),
      members: [...episode.members, ...added].sort((a, b) => a.sortKey.localeCompare(b.sortKey)),
      version: episode.version + 1,
      updatedAt: toIso(now),
    },
  };
}

function findEpisode(
  rule: CorrelationRule,
  match: RuleMatch<{
    sortKey: string;
    firstSeenMs: number;
    lastSeenMs: number;
    signals: ReadonlySet<string>;
  }>,
  existing: readonly CorrelationRecord[]
): CorrelationRecord | undefined {
  const memberKeys = new Set(match.members.map((member) => member.sortKey));
  const same = existing.filter(
    (record) =>
      record.ruleId === rule.id &&
      (record.members.some((member) => memberKeys.has(member.sortKey)) ||
        (match.windowStartMs <= record.windowEndMs + rule.window &&
          record.windowStartMs <= match.windowEndMs + rule.window))
  );
  return same.sort((a, b) => b.windowEndMs - a.windowEndMs)[0];
}
