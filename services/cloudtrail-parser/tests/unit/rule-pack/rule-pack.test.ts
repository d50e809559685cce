import path from 'node:path';
import { createDetectionEngine } from '../../../src/core/detection-engine';
import type { Rule } from '../../../src/core/rule';
import {
  BUILTIN_RULES_DIR,
  listRuleFiles,
  loadBuiltinRules,
  runRuleTests,
} from '../../../src/core/rule-loader';
import { ATTACK_TACTICS, ATTACK_TECHNIQUES } from '../../../src/core/sigma/attack-techniques';

const KEBAB_ID = /^[a-z0-9]+(-[a-z0-9]+)+$/;

describe('built-in rule pack', () => {
  let rules: Rule[];

  beforeAll(async () => {
    rules = await loadBuiltinRules();
  });

  it('holds at least 120 rules with unique ids', () => {
    // Assess
    expect(rules.length).toBeGreaterThanOrEqual(120);
    expect(new Set(rules.map((rule) => rule.id)).size).toBe(rules.length);
    expect(rules.every((rule) => rule.origin === 'builtin')).toBe(true);
  });

  it('names every file after its rule id, in kebab-case, one rule per file', async () => {
    // Prepare
    const files = await listRuleFiles(BUILTIN_RULES_DIR);

    // Act
    const names = files.map((file) => path.basename(file, '.yml'));

    // Assess
    expect(files).toHaveLength(rules.length);
    expect(names.filter((name) => !KEBAB_ID.test(name))).toEqual([]);
    expect(names.sort()).toEqual(rules.map((rule) => rule.id).sort());
  });

  it('gives every rule a severity, a description, a runbook hint and ATT&CK techniques', () => {
    // Act
    const incomplete = rules.filter(
      (rule) =>
        rule.mitre.length === 0 ||
        rule.description.length < 20 ||
        rule.runbook.length < 20 ||
        rule.title === ''
    );

    // Assess
    expect(incomplete.map((rule) => rule.id)).toEqual([]);
  });

  it('maps every rule to real ATT&CK technique ids, names and tactics', () => {
    // Prepare
    const tactics: readonly string[] = ATTACK_TACTICS;

    // Act
    const wrong = rules.flatMap((rule) =>
      rule.mitre
        .filter((entry) => {
          const known = ATTACK_TECHNIQUES[entry.techniqueId];
          return (
            known?.name !== entry.technique ||
            !known.tactics.includes(entry.tactic) ||
            !tactics.includes(entry.tactic)
          );
        })
        .map((entry) => `${rule.id}: ${entry.techniqueId} ${entry.technique} (${entry.tactic})`)
    );

    // Assess
    expect(wrong).toEqual([]);
  });

  it('carries at least one positive and one negative test in every rule', () => {
    // Act
    const missing = rules.filter(
      (rule) => !rule.tests.some((test) => test.expect) || !rule.tests.some((test) => !test.expect)
    );

    // Assess
    expect(missing.map((rule) => rule.id)).toEqual([]);
  });

  it('passes every embedded test (positives match, negatives do not)', () => {
    // Act
    const failures = runRuleTests(rules).filter((result) => !result.passed);

    // Assess
    expect(failures.map((result) => `${result.ruleId}: ${result.name}`)).toEqual([]);
  });

  it('gives the same verdicts through the indexed detection engine as rule by rule', () => {
    // Prepare
    const engine = createDetectionEngine(rules);

    // Act
    const disagreements = rules.flatMap((rule) =>
      rule.tests
        .filter(
          (test) => engine.evaluate(test.record).some((matched) => matched.id === rule.id) !== test.expect
        )
        .map((test) => `${rule.id}: ${test.name ?? 'unnamed'}`)
    );

    // Assess
    expect(disagreements).toEqual([]);
  });

  it('uses real-shaped CloudTrail records in tests', () => {
    // Act
    const malformed = rules.flatMap((rule) =>
      rule.tests
        .filter((test) => {
          const record = test.record;
          const isInsight = record.eventType === 'AwsCloudTrailInsight';
          const hasCore = ['eventVersion', 'eventTime', 'eventID', 'eventType', 'recipientAccountId'].every(
            (key) => typeof record[key] === 'string'
          );
          const hasCall =
            isInsight || (typeof record.eventSource === 'string' && typeof record.eventName === 'string');
          return !hasCore || !hasCall || Number.isNaN(Date.parse(String(record.eventTime)));
        })
        .map((test) => `${rule.id}: ${test.name ?? 'unnamed'}`)
    );

    // Assess
    expect(malformed).toEqual([]);
  });

  it('windows every threshold rule and keeps a burst to one alert per window', () => {
    // Act
    const loose = rules.filter(
      (rule) =>
        rule.threshold !== undefined && (rule.threshold.groupBy.length === 0 || rule.dedup === undefined)
    );

    // Assess
    expect(loose.map((rule) => rule.id)).toEqual([]);
    expect(rules.filter((rule) => rule.threshold !== undefined).length).toBeGreaterThanOrEqual(10);
  });
});
