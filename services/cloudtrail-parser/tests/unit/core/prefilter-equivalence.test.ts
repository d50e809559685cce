import { CloudTrailGenerator, createRandom } from '../../../bench/cloudtrail-generator';
import { createDetectionEngine, createNaiveEvaluator } from '../../../src/core/detection-engine';
import { scanLogStream } from '../../../src/core/log-stream/scan-log-stream';
import type { Rule } from '../../../src/core/rule';
import { loadBuiltinRules, loadRuleFiles } from '../../../src/core/rule-loader';
import { applyStatefulRuleSync, InMemoryRuleStateStore } from '../../../src/core/stateful-rules';
import { chunked, makeRule, RULES_DIR } from './fixtures';

/** Rules chosen to stress the prefilter: every operator kind, conditions, field-name-only literals. */
const trickyRules: Rule[] = [
  makeRule({ id: 'exact', pattern: { eventName: ['StopLogging', 'DeleteTrail'] } }),
  makeRule({ id: 'prefix', pattern: { eventName: [{ prefix: 'Delete' }] } }),
  makeRule({ id: 'one-char-prefix', pattern: { eventName: [{ prefix: 'Z' }] } }),
  makeRule({ id: 'suffix', pattern: { eventName: [{ suffix: 'Policy' }] } }),
  makeRule({ id: 'wildcard', pattern: { userAgent: [{ wildcard: '*stratus-red-team*' }] } }),
  makeRule({ id: 'ignore-case', pattern: { eventName: [{ 'equals-ignore-case': 'getcalleridentity' }] } }),
  makeRule({
    id: 'anything-but',
    pattern: { userIdentity: { type: [{ 'anything-but': ['IAMUser', 'AssumedRole', 'AWSService'] }] } },
  }),
  makeRule({ id: 'exists', pattern: { errorCode: [{ exists: true }] } }),
  makeRule({
    id: 'numeric',
    pattern: { requestParameters: { durationSeconds: [{ numeric: ['>=', 3600] }] } },
  }),
  makeRule({ id: 'cidr', pattern: { sourceIPAddress: [{ cidr: '10.0.0.0/8' }] } }),
  makeRule({
    id: 'or',
    pattern: { $or: [{ eventName: ['ConsoleLogin'] }, { userIdentity: { type: ['Root'] } }] },
  }),
  makeRule({ id: 'nested-array', pattern: { resources: { type: ['AWS::IAM::Role'] } } }),
  makeRule({
    id: 'bucket',
    pattern: { eventName: ['GetObject'], requestParameters: { bucketName: ['customer-exports'] } },
  }),
  makeRule({
    id: 'condition',
    pattern: undefined,
    condition: {
      all: [
        { pattern: { eventSource: ['iam.amazonaws.com'] } },
        { field: 'requestParameters.policyDocument', regex: 'Allow' },
      ],
    },
  }),
  makeRule({
    id: 'not',
    pattern: undefined,
    condition: { not: { pattern: { eventCategory: ['Data'] } } },
    enabled: false,
  }),
  makeRule({
    id: 'threshold',
    pattern: { eventName: [{ prefix: 'Describe' }] },
    threshold: { count: 5, window: '1m', groupBy: ['userIdentity.arn'] },
  }),
];

/** Rewrites some records so literals hide behind JSON escapes, as other writers than CloudTrail may emit. */
function escapeSome(text: string, random: () => number): string {
  if (random() > 0.05) return text;
  return text.replace(
    /"(eventName|userAgent|type|bucketName)":"([A-Za-z])/g,
    (_match, key: string, first: string) =>
      `"${key}":"\\u${first.charCodeAt(0).toString(16).padStart(4, '0')}`
  );
}

async function compare(
  rules: Rule[],
  count: number,
  seed: number
): Promise<{ fast: string[]; naive: string[]; parsed: number }> {
  const generator = new CloudTrailGenerator(seed);
  const random = createRandom(seed);
  const lines = Array.from({ length: count }, () => escapeSome(JSON.stringify(generator.next()), random));
  const text = `{"Records":[${lines.join(',')}]}`;
  const naiveEvaluate = createNaiveEvaluator(rules);
  const naive = (JSON.parse(text) as { Records: Record<string, unknown>[] }).Records.flatMap((record) =>
    naiveEvaluate(record).map((rule) => `${rule.id}:${String(record.eventID)}`)
  );
  const fast: string[] = [];
  const stats = await scanLogStream(chunked(Buffer.from(text), 4093), {
    engine: createDetectionEngine(rules),
    gzip: false,
    maxUncompressedBytes: 1e9,
    onMatch: (rule, record) => {
      fast.push(`${rule.id}:${String(record.eventID)}`);
    },
  });
  expect(stats.records).toBe(count);
  return { fast, naive, parsed: stats.parsedRecords };
}

describe('the raw-text prefilter', () => {
  it('yields exactly the matches of every rule on every parsed record (operator stress rules)', async () => {
    // Act
    // (cidr, anything-but and equals-ignore-case give no literals: they would make every record parsed)
    const prefilterable = trickyRules.filter(
      (rule) => !['cidr', 'anything-but', 'ignore-case'].includes(rule.id)
    );
    const { fast, naive, parsed } = await compare(prefilterable, 20_000, 7);

    // Assess
    expect(naive.length).toBeGreaterThan(100);
    expect(parsed).toBeLessThan(20_000 / 2);
    expect(fast).toEqual(naive);
  });

  it('stays exact when some rules force every record to be parsed', async () => {
    // Act
    const { fast, naive, parsed } = await compare(trickyRules, 5_000, 11);

    // Assess
    expect(parsed).toBe(5_000);
    expect(fast).toEqual(naive);
  });

  it('yields exactly the matches of the fixture and built-in packs', async () => {
    // Prepare
    const rules = [...(await loadRuleFiles([RULES_DIR])), ...(await loadBuiltinRules())];

    // Act
    const { fast, naive, parsed } = await compare(rules, 20_000, 3);

    // Assess
    expect(naive.length).toBeGreaterThan(0);
    expect(fast).toEqual(naive);
    expect(parsed).toBeLessThanOrEqual(20_000);
  });

  it('raises the same alerts from partly parsed candidates, threshold and dedup included', async () => {
    // Prepare
    const rules = [
      ...trickyRules.filter((rule) => !['cidr', 'anything-but', 'ignore-case'].includes(rule.id)),
      ...(await loadBuiltinRules()),
    ];
    const generator = new CloudTrailGenerator(5);
    const random = createRandom(5);
    const lines = Array.from({ length: 20_000 }, () => escapeSome(JSON.stringify(generator.next()), random));
    const text = `{"Records":[${lines.join(',')}]}`;
    const naiveEvaluate = createNaiveEvaluator(rules);
    const naiveStore = new InMemoryRuleStateStore();
    const naive: string[] = [];
    for (const record of (JSON.parse(text) as { Records: Record<string, unknown>[] }).Records) {
      for (const rule of naiveEvaluate(record)) {
        if (applyStatefulRuleSync(rule, record, naiveStore).shouldAlert) {
          naive.push(`${rule.id}:${JSON.stringify(record)}`);
        }
      }
    }
    const store = new InMemoryRuleStateStore();
    const fast: string[] = [];

    // Act
    const stats = await scanLogStream(chunked(Buffer.from(text), 8191), {
      engine: createDetectionEngine(rules),
      gzip: false,
      maxUncompressedBytes: 1e9,
      partialRecords: true,
      onMatch: (rule, record, whole) => {
        if (applyStatefulRuleSync(rule, record, store).shouldAlert) {
          fast.push(`${rule.id}:${JSON.stringify(whole())}`);
        }
      },
    });

    // Assess
    expect(stats.partialRecords).toBeGreaterThan(1_000);
    expect(naive.length).toBeGreaterThan(100);
    expect(fast).toEqual(naive);
  });
});
