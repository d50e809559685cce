import type { CorrelationRule } from '../../../src/core/correlation-rule';
import { CorrelationRuleSchema } from '../../../src/core/correlation-rule';
import { type Candidate, evaluateRule } from '../../../src/core/evaluate-rule';

// Panther's correlation semantics (../shared/corpora/panther-analysis/correlation_rules/): every group must
// reach its MinMatchCount within LookbackWindowMinutes on the same match key; Absence groups must not match.

function rule(overrides: Partial<Record<string, unknown>> = {}): CorrelationRule {
  return CorrelationRuleSchema.parse({
    id: 'demo',
    title: 'Demo',
    description: 'Demo.',
    resourceTypes: ['s3-bucket'],
    window: '30h',
    types: ['Effects/Data Exfiltration'],
    remediation: { text: 'Fix it.' },
    signals: [
      { id: 'exfiltration', minCount: 10, pattern: { x: ['exfiltration'] } },
      { id: 'deletion', minCount: 10, pattern: { x: ['deletion'] } },
    ],
    ...overrides,
  });
}

let sequence = 0;
function candidate(signal: string, firstSeen: string, lastSeen = firstSeen): Candidate {
  sequence += 1;
  return {
    sortKey: `p#${sequence}`,
    firstSeenMs: Date.parse(firstSeen),
    lastSeenMs: Date.parse(lastSeen),
    signals: new Set([signal]),
  };
}
const times = (start: string, count: number, stepSeconds: number) =>
  Array.from({ length: count }, (_, index) =>
    new Date(Date.parse(start) + index * stepSeconds * 1000).toISOString()
  );

describe('evaluateRule', () => {
  it('fires on Panther\'s "Ransomware Attack Sequence" (10 exfiltrations then 10 deletions)', () => {
    // Prepare
    const findings = [
      ...times('2024-01-15T10:00:00Z', 10, 5).map((time) => candidate('exfiltration', time)),
      ...times('2024-01-15T10:05:00Z', 10, 5).map((time) => candidate('deletion', time)),
    ];

    // Act
    const match = evaluateRule(rule(), findings);

    // Assess
    expect(match?.members).toHaveLength(20);
    expect(match?.windowStartMs).toBe(Date.parse('2024-01-15T10:00:00Z'));
    expect(match?.windowEndMs).toBe(Date.parse('2024-01-15T10:05:45Z'));
  });

  it('does not fire on "Only Exfiltration"', () => {
    // Prepare
    const findings = times('2024-01-15T10:00:00Z', 10, 5).map((time) => candidate('exfiltration', time));

    // Act + Assess
    expect(evaluateRule(rule(), findings)).toBeUndefined();
  });

  it('does not fire when one signal is one finding short of its count', () => {
    // Prepare
    const findings = [
      ...times('2024-01-15T10:00:00Z', 10, 5).map((time) => candidate('exfiltration', time)),
      ...times('2024-01-15T10:05:00Z', 9, 5).map((time) => candidate('deletion', time)),
    ];

    // Act + Assess
    expect(evaluateRule(rule(), findings)).toBeUndefined();
  });

  it('does not fire when the signals are further apart than the window', () => {
    // Prepare
    const one = rule({
      signals: [
        { id: 'a', pattern: { x: ['a'] } },
        { id: 'b', pattern: { x: ['b'] } },
      ],
    });
    const findings = [candidate('a', '2024-06-01T00:00:00Z'), candidate('b', '2024-06-02T06:00:01Z')];

    // Act + Assess
    expect(evaluateRule(one, findings)).toBeUndefined();
  });

  it('counts a finding still observed inside the window although it started before it', () => {
    // Prepare
    const one = rule({
      signals: [
        { id: 'a', pattern: { x: ['a'] } },
        { id: 'b', pattern: { x: ['b'] } },
      ],
    });
    const findings = [
      candidate('a', '2024-06-01T00:00:00Z', '2024-06-05T00:00:00Z'),
      candidate('b', '2024-06-05T12:00:00Z'),
    ];

    // Act
    const match = evaluateRule(one, findings);

    // Assess
    expect(match?.members.map((member) => member.sortKey)).toHaveLength(2);
  });

  it('gives the same match whatever order the findings come in', () => {
    // Prepare
    const one = rule({
      signals: [
        { id: 'a', pattern: { x: ['a'] } },
        { id: 'b', minCount: 3, pattern: { x: ['b'] } },
      ],
    });
    const findings = [
      candidate('a', '2024-06-01T00:00:00Z'),
      candidate('b', '2024-06-01T01:00:00Z'),
      candidate('b', '2024-06-01T02:00:00Z'),
      candidate('b', '2024-06-01T03:00:00Z'),
      candidate('b', '2024-05-20T03:00:00Z'),
    ];

    // Act
    const forward = evaluateRule(one, findings);
    const backward = evaluateRule(one, [...findings].reverse());

    // Assess
    expect(backward).toEqual(forward);
    expect(forward?.members).toHaveLength(4);
  });

  describe('ordered', () => {
    const ordered = () =>
      rule({
        ordered: true,
        signals: [
          { id: 'stop', pattern: { x: ['stop'] } },
          { id: 'modify', pattern: { x: ['modify'] } },
        ],
      });

    it('fires on "Instance Stopped, Followed By Script Change"', () => {
      // Prepare
      const findings = [
        candidate('stop', '2024-06-01T10:00:01Z'),
        candidate('modify', '2024-06-01T10:01:01Z'),
      ];

      // Act + Assess
      expect(evaluateRule(ordered(), findings)).toBeDefined();
    });

    it('does not fire when the second signal came first', () => {
      // Prepare
      const findings = [
        candidate('stop', '2024-06-01T10:01:01Z'),
        candidate('modify', '2024-06-01T10:00:01Z'),
      ];

      // Act + Assess
      expect(evaluateRule(ordered(), findings)).toBeUndefined();
    });
  });

  describe('absent', () => {
    const absence = () =>
      rule({
        signals: [
          { id: 'cli-prompt', absent: true, pattern: { x: ['prompt'] } },
          { id: 'token', pattern: { x: ['token'] } },
        ],
      });

    it('fires when the absent signal has no finding in the window', () => {
      // Prepare
      const findings = [
        candidate('token', '2024-06-01T10:00:00Z'),
        candidate('cli-prompt', '2024-05-01T10:00:00Z'),
      ];

      // Act + Assess
      expect(evaluateRule(absence(), findings)?.members).toHaveLength(1);
    });

    it('does not fire when the absent signal has a finding in the window', () => {
      // Prepare
      const findings = [
        candidate('token', '2024-06-01T10:00:00Z'),
        candidate('cli-prompt', '2024-06-01T09:00:00Z'),
      ];

      // Act + Assess
      expect(evaluateRule(absence(), findings)).toBeUndefined();
    });
  });
});
