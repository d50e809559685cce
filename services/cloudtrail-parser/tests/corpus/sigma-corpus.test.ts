import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describeCorpus } from '@vigil/lambda-kit/testing';
import { parse } from 'yaml';
import { createDetectionEngine } from '../../src/core/detection-engine';
import type { Rule } from '../../src/core/rule';
import { compileSigmaRule } from '../../src/core/sigma/compile-sigma-rule';
import { UnsupportedSigmaRuleError } from '../../src/core/sigma/errors';
import { deriveSigmaRecord } from './helpers/derive-sigma-record';
import type { CloudTrailRecord } from './helpers/scan-records';

// A neutral CloudTrail record: no rule of the corpus may match it as is.
const BASE: CloudTrailRecord = {
  eventVersion: '1.09',
  userIdentity: {
    type: 'IAMUser',
    principalId: 'AIDAQRSTUVWXYZ2345ABC',
    arn: 'arn:aws:iam::111122223333:user/alice',
    accountId: '111122223333',
    userName: 'alice',
  },
  eventTime: '2024-05-14T10:00:00Z',
  eventSource: 'health.amazonaws.com',
  eventName: 'DescribeEvents',
  awsRegion: 'us-east-1',
  sourceIPAddress: '198.51.100.23',
  userAgent: 'aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0 exe/x86_64.ubuntu.22',
  requestParameters: null,
  responseElements: null,
  eventID: '0b6b2f0e-6a52-4c8e-9a53-2d0f4a1a0001',
  eventType: 'AwsApiCall',
  recipientAccountId: '111122223333',
};

type Outcome =
  | { file: string; rule: Rule; document: Record<string, unknown> }
  | { file: string; reason: string };

describeCorpus('Sigma CloudTrail corpus', (corpora) => {
  const dir = path.join(corpora, 'sigma/rules_cloud_aws_cloudtrail');
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.yml'))
    .sort();
  const outcomes: Outcome[] = files.map((file) => {
    const document = parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
    try {
      return { file, rule: compileSigmaRule(document), document };
    } catch (error) {
      if (error instanceof UnsupportedSigmaRuleError) {
        return { file, reason: error.reason };
      }
      throw error;
    }
  });
  const compiled = outcomes.flatMap((outcome) => ('rule' in outcome ? [outcome] : []));

  afterAll(() => {
    const rejected = outcomes.flatMap((outcome) =>
      'reason' in outcome ? [`  rejected ${outcome.file}: ${outcome.reason}`] : []
    );
    process.stdout.write(
      `Sigma corpus: ${compiled.length}/${files.length} compiled\n${rejected.join('\n')}\n`
    );
  });

  it('finds the 29 CloudTrail rules and compiles nearly all of them', () => {
    // Assess
    expect(files).toHaveLength(29);
    expect(compiled.length).toBeGreaterThanOrEqual(27);
  });

  it('gives every rejected rule a reason', () => {
    // Act
    const reasons = outcomes.flatMap((outcome) => ('reason' in outcome ? [outcome.reason] : []));

    // Assess
    expect(reasons.every((reason) => reason.length > 10)).toBe(true);
  });

  it('keeps the Sigma id, author and licence of every compiled rule', () => {
    // Assess
    for (const { rule, document } of compiled) {
      expect(rule).toMatchObject({
        id: `sigma-${document.id}`,
        origin: 'sigma',
        sigma: { id: document.id, author: document.author, license: 'DRL-1.1' },
      });
    }
  });

  it.each(compiled.map((outcome) => [outcome.file, outcome] as const))(
    'matches a record derived from %s, not a neutral one',
    (_file, outcome) => {
      // Prepare
      const engine = createDetectionEngine([outcome.rule]);
      const positive = deriveSigmaRecord(outcome.document.detection as Record<string, unknown>, BASE);

      // Act
      const onPositive = positive === undefined ? undefined : engine.evaluate(positive).length;
      const onNeutral = engine.evaluate(BASE).length;

      // Assess
      expect(onPositive).toBe(1);
      expect(onNeutral).toBe(0);
    }
  );
});
