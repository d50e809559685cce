import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describeCorpus } from '@vigil/lambda-kit/testing';
import type { Rule } from '../../src/core/rule';
import { loadBuiltinRules } from '../../src/core/rule-loader';
import { type CloudTrailRecord, isToolUserAgentRule, scanRecords } from './helpers/scan-records';

describeCorpus('built-in pack on Stratus Red Team detonations', (corpora) => {
  const dir = path.join(corpora, 'stratus-red-team/detonation-logs');
  const techniques = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  const detected = new Map<string, string[]>();
  let rules: Rule[];

  beforeAll(async () => {
    rules = await loadBuiltinRules();
  });

  afterAll(() => {
    const lines = techniques.map(
      (name) => `  ${detected.has(name) ? 'ok  ' : 'MISS'} ${name} ${(detected.get(name) ?? []).join(', ')}`
    );
    process.stdout.write(
      `Stratus coverage: ${detected.size}/${techniques.length} techniques\n${lines.join('\n')}\n`
    );
  });

  it('finds the 35 captured techniques', () => {
    // Assess
    expect(techniques).toHaveLength(35);
  });

  it.each(techniques)('raises a behavioural alert for %s', async (name) => {
    // Prepare
    const records = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as CloudTrailRecord[];

    // Act
    const alerts = (await scanRecords(rules, records)).filter((alert) => !isToolUserAgentRule(alert.rule));

    // Assess
    const ruleIds = [...new Set(alerts.map((alert) => alert.rule.id))];
    if (ruleIds.length > 0) {
      detected.set(name, ruleIds);
    }
    expect(ruleIds.length).toBeGreaterThan(0);
  });
});
