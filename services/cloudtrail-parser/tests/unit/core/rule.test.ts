import { parseDuration, parseRule, severityRank } from '../../../src/core/rule';
import { InvalidRuleError } from '../../../src/errors';

const document = {
  id: 'cloudtrail-stopped',
  title: 'CloudTrail stopped',
  severity: 'HIGH',
  mitre: [{ tactic: 'defense-evasion', techniqueId: 'T1562.008', technique: 'Impair Defenses' }],
  description: 'A trail was stopped.',
  runbook: 'Restart it.',
  pattern: { eventName: ['StopLogging'] },
};

describe('parseRule', () => {
  it('returns the rule with the origin of its loader and no tests by default', () => {
    // Act
    const rule = parseRule({ ...document, origin: 'builtin' }, 'custom');

    // Assess
    expect(rule.origin).toBe('custom');
    expect(rule.tests).toEqual([]);
    expect(rule.pattern).toEqual({ eventName: ['StopLogging'] });
  });

  it('accepts a condition instead of a pattern', () => {
    // Act
    const rule = parseRule(
      {
        ...document,
        pattern: undefined,
        condition: { all: [{ pattern: { eventName: ['X'] } }, { field: 'a.b', regex: '^x' }] },
      },
      'custom'
    );

    // Assess
    expect(rule.condition).toBeDefined();
  });

  it('rejects a rule with neither or both of pattern and condition', () => {
    // Act & Assess
    expect(() => parseRule({ ...document, pattern: undefined }, 'custom')).toThrow(
      /exactly one of "pattern" or "condition"/
    );
    expect(() => parseRule({ ...document, condition: { pattern: { a: ['b'] } } }, 'custom')).toThrow(
      InvalidRuleError
    );
  });

  it('names the path and the reason of a bad field', () => {
    // Act
    const error = (() => {
      try {
        parseRule({ ...document, severity: 'URGENT' }, 'custom');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();

    // Assess
    expect(error).toBeInstanceOf(InvalidRuleError);
    expect((error as InvalidRuleError).path).toBe('severity');
    expect((error as InvalidRuleError).message).toMatch(/^cloudtrail-stopped: severity: /);
  });

  it('rejects unknown keys, bad durations, bad ATT&CK ids and bad regexes', () => {
    // Act & Assess
    expect(() => parseRule({ ...document, treshold: {} }, 'custom')).toThrow(InvalidRuleError);
    expect(() =>
      parseRule({ ...document, threshold: { count: 5, window: '5 minutes', groupBy: [] } }, 'custom')
    ).toThrow(/threshold.window/);
    expect(() =>
      parseRule({ ...document, mitre: [{ ...document.mitre[0], techniqueId: '1562' }] }, 'custom')
    ).toThrow(/mitre.0.techniqueId/);
    expect(() =>
      parseRule({ ...document, pattern: undefined, condition: { field: 'a', regex: '(' } }, 'custom')
    ).toThrow(/invalid regex/);
  });
});

describe('parseDuration', () => {
  it('converts seconds, minutes, hours and days to milliseconds', () => {
    // Act & Assess
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('7d')).toBe(604_800_000);
  });

  it('rejects anything else', () => {
    // Act & Assess
    expect(() => parseDuration('5')).toThrow(InvalidRuleError);
    expect(() => parseDuration('0m')).toThrow(InvalidRuleError);
    expect(() => parseDuration('1w')).toThrow(InvalidRuleError);
  });
});

describe('severityRank', () => {
  it('orders severities from informational to critical', () => {
    // Act & Assess
    expect(severityRank('INFORMATIONAL')).toBeLessThan(severityRank('LOW'));
    expect(severityRank('HIGH')).toBeLessThan(severityRank('CRITICAL'));
  });
});
