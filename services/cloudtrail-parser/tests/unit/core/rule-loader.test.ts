import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRuleFile, loadRuleFiles, mergeRules, runRuleTests } from '../../../src/core/rule-loader';
import { RuleLoadError } from '../../../src/errors';
import { BAD_RULES_DIR, makeRule, RULES_DIR } from './fixtures';

const SIGMA_RULE = `title: CloudTrail stopped (Sigma)
id: 4db60cc0-36fb-42b7-9b58-a5b53019fb74
status: test
description: Detects StopLogging.
author: vigil tests
date: 2024-05-01
tags:
  - attack.defense-evasion
  - attack.t1562.008
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: cloudtrail.amazonaws.com
    eventName: StopLogging
  condition: selection
level: high
`;

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'vigil-rule-loader-'));
}

describe('loadRuleFiles', () => {
  it('loads multi-document YAML and JSON lists from folders, recursively and in a stable order', async () => {
    // Act
    const rules = await loadRuleFiles([RULES_DIR], { origin: 'builtin' });

    // Assess
    expect(rules.map((rule) => rule.id)).toEqual([
      'fixture-cloudtrail-stopped',
      'fixture-root-console-login',
      'fixture-describe-burst',
      'fixture-sensitive-bucket-read',
      'fixture-wildcard-policy',
    ]);
    expect(rules.every((rule) => rule.origin === 'builtin')).toBe(true);
  });

  it('names the file and the problem of an invalid rule', async () => {
    // Act & Assess
    await expect(loadRuleFiles([BAD_RULES_DIR])).rejects.toThrow(RuleLoadError);
    await expect(loadRuleFiles([BAD_RULES_DIR])).rejects.toThrow(
      /bad-severity\.yml: fixture-bad: severity: /
    );
  });

  it('rejects a pattern the pattern engine refuses, and duplicate ids', async () => {
    // Prepare
    const dir = tempDir();
    const rule = { ...makeRule({ id: 'dup' }), origin: undefined };
    writeFileSync(path.join(dir, 'a.json'), JSON.stringify(rule));
    writeFileSync(path.join(dir, 'b.json'), JSON.stringify(rule));
    const badPattern = path.join(dir, 'bad-pattern.json');
    writeFileSync(
      badPattern,
      JSON.stringify({ ...rule, id: 'bad', pattern: { eventName: [{ prefix: 5 }] } })
    );

    // Act & Assess
    await expect(loadRuleFiles([path.join(dir, 'a.json'), path.join(dir, 'b.json')])).rejects.toThrow(
      /duplicate rule id "dup"/
    );
    expect((await loadRuleFile(badPattern)).error).toMatch(/^bad: pattern: /);
  });

  it('reports unreadable files, bad YAML and missing paths', async () => {
    // Prepare
    const dir = tempDir();
    writeFileSync(path.join(dir, 'broken.yml'), 'id: [unclosed\n');

    // Act & Assess
    expect((await loadRuleFile(path.join(dir, 'broken.yml'))).error).toMatch(/^not valid YAML/);
    expect((await loadRuleFile(path.join(dir, 'missing.yml'))).error).toMatch(/ENOENT/);
    await expect(loadRuleFiles([path.join(dir, 'nowhere')])).rejects.toThrow(/no such file or directory/);
  });

  it('detects and compiles Sigma rules', async () => {
    // Prepare
    const dir = tempDir();
    writeFileSync(path.join(dir, 'sigma.yml'), SIGMA_RULE);

    // Act
    const [rule] = await loadRuleFiles([dir]);

    // Assess
    expect(rule?.origin).toBe('sigma');
    expect(rule?.id).toBe('sigma-4db60cc0-36fb-42b7-9b58-a5b53019fb74');
  });
});

describe('mergeRules', () => {
  it('lets a later rule with the same id replace an earlier one', () => {
    // Act
    const merged = mergeRules(
      [makeRule({ id: 'a', title: 'old' }), makeRule({ id: 'b' })],
      [makeRule({ id: 'a', title: 'new' })]
    );

    // Assess
    expect(merged.map((rule) => `${rule.id}:${rule.title}`)).toEqual(['b:Test rule', 'a:new']);
  });
});

describe('runRuleTests', () => {
  it('passes the fixture pack', async () => {
    // Prepare
    const rules = await loadRuleFiles([RULES_DIR]);

    // Act
    const results = runRuleTests(rules);

    // Assess
    expect(results.filter((result) => !result.passed)).toEqual([]);
    expect(results).toHaveLength(10);
  });

  it('fails a wrong expectation and a missing positive or negative test', () => {
    // Prepare
    const rule = makeRule({
      id: 'wrong',
      tests: [{ name: 'claims a match', expect: true, record: { eventName: 'StartLogging' } }],
    });

    // Act
    const results = runRuleTests([rule]);

    // Assess
    expect(results).toEqual([
      { ruleId: 'wrong', name: 'claims a match', passed: false, expected: true, actual: false },
      { ruleId: 'wrong', name: 'no negative test', passed: false, problem: 'no negative test' },
    ]);
  });
});
