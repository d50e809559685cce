import { AsffFindingSchema, CorrelatedFindingSchema } from '@vigil/event-schema';
import { matchCorrelations } from '../../../src/core/match-correlations';
import { ec2Resource, guardDutyAsff, inspectorCve } from '../../helpers/asff-fixtures';
import { createPipeline, PRODUCT } from '../../helpers/pipeline';

const INSTANCE = 'i-0abc1234def567890';
const KEY = `ec2-instance:${INSTANCE}`;

function backdoorScenario() {
  return [
    guardDutyAsff('Backdoor:EC2/C&CActivity.B!DNS', ec2Resource(INSTANCE), { id: 'gd-backdoor' }),
    inspectorCve(INSTANCE, 'CVE-2024-0001', { time: '2024-06-01T09:00:00.000Z' }),
    inspectorCve(INSTANCE, 'CVE-2024-0002', { time: '2024-06-01T09:10:00.000Z' }),
    inspectorCve(INSTANCE, 'CVE-2024-0003', { time: '2024-06-01T09:20:00.000Z' }),
  ];
}

describe('matchCorrelations', () => {
  it('imports one CRITICAL finding with every member and publishes it', async () => {
    // Prepare
    const pipeline = createPipeline();

    // Act
    await pipeline.deliver(backdoorScenario());

    // Assess
    const [finding] = pipeline.correlated();
    expect(pipeline.correlated()).toHaveLength(1);
    expect(AsffFindingSchema.safeParse(finding).success).toBe(true);
    expect(finding).toMatchObject({
      ProductArn: `arn:aws:securityhub:us-east-1:${PRODUCT.accountId}:product/${PRODUCT.accountId}/default`,
      AwsAccountId: PRODUCT.accountId,
      GeneratorId: 'vigil-correlator/ec2-backdoor-critical-cves',
      FindingProviderFields: { Severity: { Label: 'CRITICAL' } },
      Resources: [{ Type: 'AwsEc2Instance', Id: `arn:aws:ec2:us-east-1:111122223333:instance/${INSTANCE}` }],
    });
    expect(finding?.RelatedFindings).toHaveLength(4);
    expect(pipeline.publisher.published).toHaveLength(1);
    expect(CorrelatedFindingSchema.parse(pipeline.publisher.published[0]).memberFindingIds).toHaveLength(4);
  });

  it('writes the account metadata into Note and UserDefinedFields', async () => {
    // Prepare
    const pipeline = createPipeline();

    // Act
    await pipeline.deliver(backdoorScenario());

    // Assess
    const [finding] = pipeline.correlated();
    expect(finding?.Note?.Text).toMatch(
      /^Account 111122223333 \(payments-prod\); OU Production; security contact secops@example.com; tags env=prod/
    );
    expect(finding?.UserDefinedFields).toMatchObject({
      findingEnriched: 'true',
      accountName: 'payments-prod',
      accountOu: 'Production',
      securityContact: 'secops@example.com',
      'tag:env': 'prod',
      resourceAccountId: '111122223333',
    });
  });

  it('imports once when every finding is delivered twice and out of order', async () => {
    // Prepare
    const pipeline = createPipeline();
    const findings = backdoorScenario();
    const deliveries = [
      findings[3],
      findings[1],
      findings[3],
      findings[0],
      findings[2],
      findings[0],
      findings[1],
      findings[2],
    ];

    // Act
    for (const finding of deliveries) if (finding) await pipeline.deliver([finding]);

    // Assess
    expect(pipeline.correlated()).toHaveLength(1);
    expect(pipeline.sink.calls.flat()).toHaveLength(1);
    expect(pipeline.publisher.published).toHaveLength(1);
  });

  it('does not import again when the matcher runs a second time for the same resource', async () => {
    // Prepare
    const pipeline = createPipeline();
    await pipeline.deliver(backdoorScenario());

    // Act
    const [outcome] = await matchCorrelations([KEY], pipeline.deps);

    // Assess
    expect(outcome?.unchanged).toHaveLength(1);
    expect(pipeline.sink.calls).toHaveLength(1);
  });

  it('updates the same correlated finding when a new member arrives', async () => {
    // Prepare
    const pipeline = createPipeline();
    await pipeline.deliver(backdoorScenario());
    const firstId = pipeline.correlated()[0]?.Id;

    // Act
    await pipeline.deliver([inspectorCve(INSTANCE, 'CVE-2024-0004', { time: '2024-06-01T11:00:00.000Z' })]);

    // Assess
    expect(pipeline.correlated()).toHaveLength(1);
    expect(pipeline.correlated()[0]?.Id).toBe(firstId);
    expect(pipeline.correlated()[0]?.RelatedFindings).toHaveLength(5);
    expect(pipeline.correlated()[0]?.ProductFields?.['vigil/version']).toBe('2');
    expect(pipeline.sink.calls).toHaveLength(2);
  });

  it('finishes an import that failed after the record was written, with the same Id', async () => {
    // Prepare
    const pipeline = createPipeline();
    pipeline.sink.failNext = new Error('Security Hub unavailable');
    const { matched } = await pipeline.deliver(backdoorScenario());

    // Act
    const [retry] = await matchCorrelations([KEY], pipeline.deps);

    // Assess
    expect(matched[0]?.error).toBeInstanceOf(Error);
    expect(retry?.resumed).toHaveLength(1);
    expect(pipeline.correlated()).toHaveLength(1);
    expect(pipeline.publisher.published).toHaveLength(1);
  });

  it('stops counting a finding that was resolved', async () => {
    // Prepare
    const pipeline = createPipeline();
    const findings = backdoorScenario();
    const [backdoor] = findings;
    if (!backdoor) throw new Error('fixture');
    await pipeline.deliver(findings.slice(1));

    // Act
    await pipeline.deliver([{ ...backdoor, Workflow: { Status: 'RESOLVED' } }]);

    // Assess
    expect(pipeline.correlated()).toEqual([]);
  });

  it('ignores findings last seen before the resource was deleted', async () => {
    // Prepare
    const pipeline = createPipeline();
    await pipeline.store.putTombstone({
      resourceKey: KEY,
      deletedAtMs: Date.parse('2024-06-01T12:00:00Z'),
      eventName: 'TerminateInstances',
      eventId: 'e1',
    });

    // Act
    await pipeline.deliver(backdoorScenario());

    // Assess
    expect(pipeline.correlated()).toEqual([]);
  });

  it('lists at most ten related findings, every signal first', async () => {
    // Prepare
    const pipeline = createPipeline();
    const cves = Array.from({ length: 14 }, (_, index) => inspectorCve(INSTANCE, `CVE-2024-${1000 + index}`));

    // Act
    await pipeline.deliver([
      ...cves,
      guardDutyAsff('Backdoor:EC2/C&CActivity.B!DNS', ec2Resource(INSTANCE), { id: 'zz-backdoor' }),
    ]);

    // Assess
    const [finding] = pipeline.correlated();
    expect(finding?.RelatedFindings).toHaveLength(10);
    expect(finding?.RelatedFindings?.map((related) => related.Id)).toContain('zz-backdoor');
    expect(finding?.ProductFields?.['vigil/memberCount']).toBe('15');
    expect(pipeline.publisher.published[0]?.memberFindingIds).toHaveLength(15);
  });

  it('reads each resource once however many of its findings changed', async () => {
    // Prepare
    const pipeline = createPipeline();

    // Act
    await matchCorrelations([KEY, KEY, KEY], pipeline.deps);

    // Assess
    expect(pipeline.store.reads).toBe(1);
  });
});
