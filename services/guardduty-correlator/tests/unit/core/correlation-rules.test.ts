import { BUILTIN_CORRELATIONS_DIR, readRuleSources } from '../../../src/adapters/rule-files';
import { parseCorrelationRuleFile, parseCorrelationRules } from '../../../src/core/parse-correlation-rules';
import { InvalidCorrelationRuleError } from '../../../src/errors';

const VALID = `
id: demo
title: Demo
description: Demo rule.
resourceTypes: [ec2-instance]
window: 24h
types: [TTPs/Discovery/Demo]
remediation: { text: Fix it. }
signals:
  - id: a
    pattern: { ProductName: [GuardDuty] }
  - id: b
    minCount: 2
    pattern: { ProductName: [Inspector] }
`;

describe('parseCorrelationRules', () => {
  it('loads the built-in rules: the seed three and at least five more', () => {
    // Prepare
    const sources = readRuleSources([BUILTIN_CORRELATIONS_DIR]);

    // Act
    const rules = parseCorrelationRules(sources);

    // Assess
    expect(rules.length).toBeGreaterThanOrEqual(8);
    expect(rules.map((rule) => rule.id)).toEqual(
      expect.arrayContaining([
        'ec2-backdoor-critical-cves',
        's3-sensitive-data-exfiltration',
        'ec2-exposed-brute-force',
      ])
    );
  });

  it('applies defaults and turns the window into milliseconds', () => {
    // Act
    const [rule] = parseCorrelationRuleFile({ name: 'demo.yml', text: VALID });

    // Assess
    expect(rule?.window).toBe(86_400_000);
    expect(rule?.ordered).toBe(false);
    expect(rule?.signals.map((signal) => [signal.id, signal.minCount, signal.absent])).toEqual([
      ['a', 1, false],
      ['b', 2, false],
    ]);
  });

  it.each([
    [
      'an invalid pattern',
      VALID.replace('[GuardDuty]', '[{ prefix: 3 }]'),
      /demo\.yml: signals\[0\]\.pattern\.ProductName.*prefix/,
    ],
    [
      'an unknown resource type',
      VALID.replace('[ec2-instance]', '[ec2-host]'),
      /demo\.yml: resourceTypes\[0\]/,
    ],
    ['a misspelt field', VALID.replace('window: 24h', 'window: 24h\nlookback: 2h'), /demo\.yml: .*lookback/],
    ['a window over 30 days', VALID.replace('24h', '31d'), /cannot exceed 30d/],
    ['a bad duration', VALID.replace('24h', '1 day'), /expected a duration such as 30m, 24h or 7d/],
    ['duplicate signal ids', VALID.replace('id: b', 'id: a'), /duplicate signal id "a"/],
    [
      'an ASFF type outside the namespaces',
      VALID.replace('TTPs/Discovery/Demo', 'Threats/Demo'),
      /namespace\/category\/classifier/,
    ],
    [
      'ordering with one signal',
      VALID.replace('window: 24h', 'window: 24h\nordered: true').replace(
        '  - id: a\n    pattern: { ProductName: [GuardDuty] }\n',
        ''
      ),
      /ordered.*at least two/,
    ],
    ['broken YAML', 'id: [unclosed', /demo\.yml: not YAML/],
  ])('rejects %s with the file and the path', (_case, text, message) => {
    // Act
    const act = () => parseCorrelationRuleFile({ name: 'demo.yml', text });

    // Assess
    expect(act).toThrow(InvalidCorrelationRuleError);
    expect(act).toThrow(message);
  });

  it('rejects a rule id used twice across files', () => {
    // Act
    const act = () =>
      parseCorrelationRules([
        { name: 'one.yml', text: VALID },
        { name: 'two.yml', text: VALID },
      ]);

    // Assess
    expect(act).toThrow('two.yml: duplicate rule id "demo" (also in one.yml)');
  });
});
