import type { AsffFinding } from '@vigil/event-schema';
import { ingestFindings } from '../../src/core/ingest-findings';
import { matchCorrelations } from '../../src/core/match-correlations';
import type { RuleSet } from '../../src/core/rule-set';
import { InMemoryFindingStore, RecordingPublisher, RecordingSink, StaticAccounts } from './in-memory-store';
import { builtinRuleSet } from './rules';

export const PRODUCT = { accountId: '999988887777', region: 'us-east-1', partition: 'aws' };

/** Ingest → matcher over in-memory fakes, the way the stream drives it: the matcher runs per stored key. */
export function createPipeline(
  ruleSet: RuleSet = builtinRuleSet(),
  now = Date.parse('2024-06-02T00:00:00Z')
) {
  const store = new InMemoryFindingStore();
  const sink = new RecordingSink();
  const publisher = new RecordingPublisher();
  const accounts = new StaticAccounts({
    '111122223333': {
      name: 'payments-prod',
      ouName: 'Production',
      tags: { env: 'prod', 'security-contact': 'secops@example.com' },
    },
  });
  const deps = { store, sink, publisher, accounts, ruleSet, product: PRODUCT, now: () => now };
  return {
    store,
    sink,
    publisher,
    deps,
    /** Ingests one delivery of findings, then runs the matcher for the keys it changed (as the stream would). */
    async deliver(findings: AsffFinding[]) {
      const before = new Map([...store.findings].map(([key, value]) => [key, value.updatedAtMs]));
      const outcome = await ingestFindings(findings, { store, ruleSet });
      const changed = [...store.findings]
        .filter(([key, value]) => before.get(key) !== value.updatedAtMs)
        .map(([, value]) => value.resourceKey);
      const matched = await matchCorrelations(changed, deps);
      return { outcome, matched };
    },
    /** Correlated findings Security Hub holds (one per Id). */
    correlated(): AsffFinding[] {
      return [...sink.findings.values()];
    },
  };
}
