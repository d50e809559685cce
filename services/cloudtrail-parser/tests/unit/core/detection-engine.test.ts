import { createDetectionEngine, createNaiveEvaluator } from '../../../src/core/detection-engine';
import { loadEvent, makeRule } from './fixtures';

const rules = [
  makeRule({ id: 'stop', pattern: { eventName: ['StopLogging'] } }),
  makeRule({ id: 'cloudtrail', pattern: { eventSource: ['cloudtrail.amazonaws.com'] } }),
  makeRule({ id: 'disabled', pattern: { eventName: ['StopLogging'] }, enabled: false }),
  makeRule({
    id: 'sigma-like',
    pattern: undefined,
    condition: {
      all: [
        { pattern: { eventName: [{ prefix: 'Stop' }] } },
        { not: { field: 'userAgent', regex: 'console' } },
      ],
    },
  }),
  makeRule({
    id: 'ungated',
    pattern: undefined,
    condition: { field: 'userIdentity.arn', regex: 'assumed-role/AdminRole' },
  }),
];

describe('createDetectionEngine', () => {
  it('returns the enabled matching rules in load order', () => {
    // Prepare
    const engine = createDetectionEngine(rules);

    // Act
    const matched = engine.evaluate(loadEvent('stop-logging'));

    // Assess
    expect(matched.map((rule) => rule.id)).toEqual(['stop', 'cloudtrail', 'sigma-like', 'ungated']);
    expect(engine.rules.map((rule) => rule.id)).not.toContain('disabled');
  });

  it('matches nothing on an unrelated record', () => {
    // Prepare
    const engine = createDetectionEngine(rules);

    // Act & Assess
    expect(engine.evaluate(loadEvent('s3-get-object'))).toEqual([]);
  });

  it('agrees with the naive evaluator on every fixture', () => {
    // Prepare
    const engine = createDetectionEngine(rules);
    const naive = createNaiveEvaluator(rules);
    const names = [
      'stop-logging',
      'assume-role',
      's3-get-object',
      'console-login-root',
      'describe-instances',
      'insight',
    ];

    // Act & Assess
    for (const name of names) {
      const record = loadEvent(name);
      expect(engine.evaluate(record).map((rule) => rule.id)).toEqual(naive(record).map((rule) => rule.id));
    }
  });

  it('exposes per-rule literals and a prefilter that passes through when a rule has none', () => {
    // Prepare
    const engine = createDetectionEngine(rules);

    // Act
    const prefilter = engine.createPrefilter([{ kind: 'prefix', text: 'AssumeRole' }]);

    // Assess
    expect(engine.literalSets[0]).toEqual([{ kind: 'exact', text: 'StopLogging' }]);
    expect(engine.literalSets[3]).toBeUndefined(); // 'ungated' has only a regex leaf
    expect(prefilter.isPassThrough).toBe(true);
  });

  it('evaluates only the candidate rules given, in load order, and lists the record keys each reads', () => {
    // Prepare
    const engine = createDetectionEngine(rules);
    const record = loadEvent('stop-logging');

    // Act
    const among = engine.evaluateAmong(record, [2, 0]).map((rule) => rule.id);
    const onlySecond = engine.evaluateAmong(record, [1]).map((rule) => rule.id);

    // Assess
    expect(among).toEqual(['stop', 'sigma-like']);
    expect(onlySecond).toEqual(['cloudtrail']);
    expect(engine.recordKeys[0]).toEqual(['eventVersion', 'eventTime', 'eventID', 'requestID', 'eventName']);
    expect(engine.recordKeys[2]).toEqual([
      'eventVersion',
      'eventTime',
      'eventID',
      'requestID',
      'eventName',
      'userAgent',
    ]);
  });
});
