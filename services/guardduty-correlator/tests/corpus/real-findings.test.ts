import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AsffFindingSchema, GuardDutyFindingSchema } from '@vigil/event-schema';
import { describeCorpus } from '@vigil/lambda-kit/testing';
import { parse } from 'yaml';
import { guardDutyToAsff } from '../../src/core/guardduty-to-asff';
import { normaliseFinding } from '../../src/core/normalise-finding';
import { UnkeyableFindingError } from '../../src/errors';
import { inspectorCve } from '../helpers/asff-fixtures';
import { createPipeline } from '../helpers/pipeline';

type PantherRule = { Tests: { Name: string; Log: unknown }[] };
const pantherTests = (file: string) => (parse(readFileSync(file, 'utf8')) as PantherRule).Tests;
const keysOf = (finding: unknown) =>
  normaliseFinding(AsffFindingSchema.parse(finding)).resources.map((resource) => resource.key);

describeCorpus('real GuardDuty and ASFF findings', (corpora) => {
  const samples = path.join(corpora, 'aws-samples-guardduty-automated-response/events');
  const panther = path.join(corpora, 'panther-analysis');
  const native = (name: string) =>
    GuardDutyFindingSchema.parse(JSON.parse(readFileSync(path.join(samples, name), 'utf8')));

  it.each([
    ['guardduty_ec2_event.json', ['ec2-instance:i-05746eb48123455e0']],
    [
      'guardduty_iam_event.json',
      ['iam-access-key:GeneratedFindingAccessKeyId', 'iam-user:123456789012/GeneratedFindingUserName'],
    ],
    [
      'guardduty_s3_event.json',
      [
        's3-bucket:bucketName',
        'iam-access-key:GeneratedFindingAccessKeyId',
        'iam-user:123456789012/GeneratedFindingUserName',
      ],
    ],
  ])('keys the native GuardDuty finding %s', (file, keys) => {
    // Prepare
    const finding = native(file);

    // Act
    const asff = guardDutyToAsff(finding);

    // Assess
    expect(AsffFindingSchema.safeParse(asff).success).toBe(true);
    expect(keysOf(asff)).toEqual(keys);
  });

  it('correlates the real EC2 finding, retyped as a backdoor, with three critical CVEs on its instance', async () => {
    // Prepare
    const finding = { ...native('guardduty_ec2_event.json'), type: 'Backdoor:EC2/C&CActivity.B!DNS' };
    const instance = 'i-05746eb48123455e0';
    const cves = ['CVE-2024-0001', 'CVE-2024-0002', 'CVE-2024-0003'].map((cve) =>
      inspectorCve(instance, cve, { account: finding.accountId, time: finding.updatedAt })
    );
    const pipeline = createPipeline();

    // Act
    await pipeline.deliver([guardDutyToAsff(finding), ...cves]);

    // Assess
    const correlated = pipeline.correlated();
    expect(correlated).toHaveLength(1);
    expect(correlated[0]?.RelatedFindings?.map((related) => related.Id)).toContain(finding.arn);
  });

  it('keys the GuardDuty policy-change findings by the role they changed', () => {
    // Prepare
    const tests = pantherTests(path.join(panther, 'guardduty_rules/aws_guardduty_high_sev_findings.yml'));

    // Act
    const keys = tests.map((test) => keysOf(guardDutyToAsff(GuardDutyFindingSchema.parse(test.Log))));

    // Assess
    expect(keys).toEqual([['iam-role:123456789012/IAMRole'], ['iam-role:123456789012/IAMRole']]);
  });

  it('rejects an attack-sequence finding without resources with a clear reason', () => {
    // Prepare
    const [test] = pantherTests(
      path.join(panther, 'guardduty_rules/aws_guardduty_critical_sev_findings.yml')
    );
    const asff = guardDutyToAsff(GuardDutyFindingSchema.parse(test?.Log));

    // Act
    const act = () =>
      normaliseFinding(
        AsffFindingSchema.parse({ ...asff, Resources: [{ Type: 'Other', Id: 'AttackSequence' }] })
      );

    // Assess
    expect(asff.Resources).toEqual([]);
    expect(act).toThrow(UnkeyableFindingError);
  });

  it('keys every Security Hub finding of the decoy rules, the access key under its session role', () => {
    // Prepare
    const files = [
      'decoy_s3_accessed.yml',
      'decoy_dynamodb_accessed.yml',
      'decoy_iam_assumed.yml',
      'decoy_secret_accessed.yml',
    ];
    const logs = files.flatMap((file) =>
      pantherTests(path.join(panther, 'securityfinding_rules', file)).map((test) => test.Log)
    );

    // Act
    const keys = logs.map((log) => keysOf(log));

    // Assess
    expect(keys[0]).toEqual([
      's3-bucket:panther-databucket',
      'iam-access-key:ABCDEFG1HIJ2KLMNOPQR',
      'iam-role:123456789012/tester',
      'iam-role:123456789012/ABCDEFG1HIJ2KLMNOPQR',
    ]);
    for (const list of keys) expect(list.some((key) => key.startsWith('iam-access-key:'))).toBe(true);
  });
});
