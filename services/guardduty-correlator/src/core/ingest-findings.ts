import type { AsffFinding } from '@vigil/event-schema';
import { VigilError } from '@vigil/lambda-kit';
import { isCorrelatorFinding, normaliseFinding } from './normalise-finding';
import type { NormalisedFinding } from './normalised-finding';
import type { FindingStore, StoredFinding } from './ports';
import type { RuleSet } from './rule-set';

export type IngestDeps = { store: Pick<FindingStore, 'putFinding'>; ruleSet: RuleSet };

/** A finding that could not be ingested, and why (kept with the message in the DLQ). */
export type RejectedFinding = { findingId: string; code: string; reason: string };

export type IngestOutcome = {
  findings: number;
  /** Finding × resource writes that changed the table (each triggers the matcher). */
  stored: number;
  /** Writes refused because the table already had this or a newer version (redelivery, out of order). */
  stale: number;
  /** Findings no rule can use on any of their resources, and the correlator's own findings. */
  skipped: number;
  rejected: RejectedFinding[];
};

/**
 * Stores every finding of an event under every one of its resource keys. Only what a rule can use is
 * written: a live finding is stored under a key when it matches a signal of a rule for that kind of
 * resource; a finding that stopped counting (archived, resolved…) still replaces a stored copy, so it
 * stops counting there too. Writes are conditional on `UpdatedAt` (newer wins), which makes redelivery
 * and out-of-order delivery harmless. A finding that fails (unkeyable, bad timestamps) is reported and
 * the others are still stored.
 */
export async function ingestFindings(
  findings: readonly AsffFinding[],
  deps: IngestDeps
): Promise<IngestOutcome> {
  const outcome: IngestOutcome = { findings: findings.length, stored: 0, stale: 0, skipped: 0, rejected: [] };
  for (const finding of findings) {
    if (isCorrelatorFinding(finding)) {
      outcome.skipped += 1;
      continue;
    }
    let normalised: NormalisedFinding;
    try {
      normalised = normaliseFinding(finding);
    } catch (error) {
      if (!(error instanceof VigilError)) throw error;
      outcome.rejected.push({ findingId: finding.Id, code: error.code, reason: error.message });
      continue;
    }
    const signals = deps.ruleSet.signalsOf(finding);
    let wrote = false;
    for (const resource of normalised.resources) {
      const relevant = deps.ruleSet.rulesFor(resource.kind).some((rule) => signals.has(rule.id));
      if (!relevant && normalised.isLive) continue;
      const result = await deps.store.putFinding(
        storedFinding(normalised, resource),
        relevant ? 'upsert-if-newer' : 'update-if-newer'
      );
      wrote = true;
      if (result === 'stored') outcome.stored += 1;
      else outcome.stale += 1;
    }
    if (!wrote) outcome.skipped += 1;
  }
  return outcome;
}

function storedFinding(
  finding: NormalisedFinding,
  resource: NormalisedFinding['resources'][number]
): StoredFinding {
  const { resources: _resources, ...rest } = finding;
  return {
    ...rest,
    resourceKey: resource.key,
    resource: {
      type: resource.type,
      id: resource.id,
      partition: resource.partition,
      region: resource.region,
    },
  };
}
