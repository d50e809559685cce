import type { AsffFinding } from '@vigil/event-schema';
import { VigilError } from '@vigil/lambda-kit';
import { evaluateRule } from './evaluate-rule';
import { isCorrelatorFinding, isNewerVersion, normaliseFinding } from './normalise-finding';
import type { NormalisedFinding } from './normalised-finding';
import { kindOfKey } from './resource-key';
import type { RuleSet } from './rule-set';

/** A correlation found in a set of findings (no storage, no Security Hub): `vigil correlations test`. */
export type OfflineCorrelation = {
  ruleId: string;
  resourceKey: string;
  windowStart: string;
  members: { findingId: string; title: string; signals: string[] }[];
};

/**
 * Correlates findings held in memory with the same semantics as the matcher: latest version of each finding
 * per resource key, live findings only, every rule for the key's kind. Unkeyable findings are returned apart.
 */
export function correlateOffline(
  findings: readonly AsffFinding[],
  ruleSet: RuleSet
): {
  correlations: OfflineCorrelation[];
  rejected: { findingId: string; reason: string }[];
} {
  const byKey = new Map<string, Map<string, NormalisedFinding>>();
  const rejected: { findingId: string; reason: string }[] = [];
  for (const finding of findings) {
    if (isCorrelatorFinding(finding)) continue;
    let normalised: NormalisedFinding;
    try {
      normalised = normaliseFinding(finding);
    } catch (error) {
      if (!(error instanceof VigilError)) throw error;
      rejected.push({ findingId: finding.Id, reason: error.message });
      continue;
    }
    for (const resource of normalised.resources) {
      const versions = byKey.get(resource.key) ?? new Map<string, NormalisedFinding>();
      if (isNewerVersion(normalised, versions.get(normalised.sortKey)))
        versions.set(normalised.sortKey, normalised);
      byKey.set(resource.key, versions);
    }
  }
  const correlations: OfflineCorrelation[] = [];
  for (const [resourceKey, versions] of [...byKey].sort(([a], [b]) => a.localeCompare(b))) {
    const kind = kindOfKey(resourceKey);
    const live = [...versions.values()].filter((finding) => finding.isLive);
    for (const rule of kind === undefined ? [] : ruleSet.rulesFor(kind)) {
      const candidates = live.map((finding) => ({
        ...finding,
        signals: ruleSet.signalsOf(finding.finding).get(rule.id) ?? new Set<string>(),
      }));
      const match = evaluateRule(rule, candidates);
      if (match === undefined) continue;
      correlations.push({
        ruleId: rule.id,
        resourceKey,
        windowStart: new Date(match.windowStartMs).toISOString(),
        members: match.members.map((member) => ({
          findingId: member.findingId,
          title: member.title,
          signals: [...member.signals].sort(),
        })),
      });
    }
  }
  return { correlations, rejected };
}
