import type { AsffFinding } from '@vigil/event-schema';
import { ec2Resource, guardDutyAsff, inspectorCve } from '../helpers/asff-fixtures';
import { type LocalCorrelator, startLocalCorrelator } from '../helpers/local-correlator';

let local: LocalCorrelator;

beforeAll(async () => {
  local = await startLocalCorrelator();
}, 60_000);

afterAll(async () => {
  await local?.stop();
});

const securityHub = (findings: AsffFinding[]) => ({
  source: 'aws.securityhub',
  detailType: 'Security Hub Findings - Imported',
  detail: { findings },
});

describe('correlator on local-cloud', () => {
  const instance = 'i-0ddd000000000001';
  const members = () => [
    guardDutyAsff('Backdoor:EC2/C&CActivity.B!DNS', ec2Resource(instance), { id: 'gd-backdoor-ddd' }),
    ...['CVE-2024-4001', 'CVE-2024-4002', 'CVE-2024-4003'].map((cve) => inspectorCve(instance, cve)),
  ];

  it('updates the same correlated finding when a new member arrives', async () => {
    // Prepare
    await local.putEvents([securityHub(members())]);
    await local.drain();
    const [before] = await local.correlatedFindings();

    // Act
    await local.putEvents([
      securityHub([inspectorCve(instance, 'CVE-2024-4004', { time: '2024-06-01T13:00:00.000Z' })]),
    ]);
    await local.drain();

    // Assess
    const after = await local.correlatedFindings();
    expect(after).toHaveLength(1);
    expect(after[0]?.Id).toBe(before?.Id);
    expect(after[0]?.RelatedFindings).toHaveLength(5);
    expect(after[0]?.ProductFields?.['vigil/version']).toBe('2');
  });

  it('keeps an event that fails its schema in the ingest DLQ with the reason', async () => {
    // Prepare
    const bad = inspectorCve('i-0eee000000000001', 'CVE-2024-5001');
    (bad as { Severity: unknown }).Severity = { Label: 'SEVERE' };

    // Act
    await local.putEvents([securityHub([bad])]);
    await local.drain();

    // Assess
    const [kept] = await local.receiveAll('vigil-dev-correlator-ingest-dlq');
    expect(kept?.MessageAttributes?.['vigil-error-code']?.StringValue).toBe('INVALID_INPUT');
    expect(kept?.MessageAttributes?.['vigil-error-reason']?.StringValue).toMatch(
      /detail\.findings\[0\]\.Severity\.Label/
    );
    expect(JSON.parse(kept?.Body ?? '{}').detail.findings[0].Id).toBe(bad.Id);
  });

  it('resolves the findings of a terminated instance in Security Hub, the correlated one included', async () => {
    // Prepare: the members are in Security Hub too (as GuardDuty and Inspector would have put them).
    await local.importIntoSecurityHub(
      members().map((finding, index) => ({ ...finding, Id: `sh-member-${index}` }))
    );
    const instanceArn = `arn:aws:ec2:us-east-1:111122223333:instance/${instance}`;

    // Act
    await local.putEvents([
      {
        source: 'aws.ec2',
        detailType: 'AWS API Call via CloudTrail',
        detail: {
          eventVersion: '1.09',
          userIdentity: {
            type: 'IAMUser',
            arn: 'arn:aws:iam::111122223333:user/ops',
            accountId: '111122223333',
            principalId: 'AIDAEXAMPLE',
          },
          eventTime: '2024-06-02T09:00:00Z',
          eventSource: 'ec2.amazonaws.com',
          eventName: 'TerminateInstances',
          awsRegion: 'us-east-1',
          sourceIPAddress: '203.0.113.10',
          requestParameters: { instancesSet: { items: [{ instanceId: instance }] } },
          responseElements: { instancesSet: { items: [{ instanceId: instance }] } },
          eventID: 'terminate-0001',
          eventType: 'AwsApiCall',
          recipientAccountId: '111122223333',
        },
      },
    ]);
    await local.drain();

    // Assess
    const findings = await local.findingsOf([instanceArn]);
    expect(findings.length).toBeGreaterThanOrEqual(5);
    for (const finding of findings) {
      expect(finding.Workflow?.Status).toBe('RESOLVED');
      expect(finding.Note?.UpdatedBy).toBe('vigil-deleted-resource-resolver');
    }
    expect(findings.map((finding) => finding.GeneratorId)).toContain(
      'vigil-correlator/ec2-backdoor-critical-cves'
    );
  });

  it('does not correlate findings of the terminated instance seen before its deletion', async () => {
    // Act: a late redelivery of an older member with a newer UpdatedAt
    const late = { ...inspectorCve(instance, 'CVE-2024-4005', { time: '2024-06-01T14:00:00.000Z' }) };
    await local.putEvents([securityHub([late])]);
    await local.drain();

    // Assess: still one correlated finding, still version 2
    const after = await local.correlatedFindings();
    expect(after).toHaveLength(1);
    expect(after[0]?.ProductFields?.['vigil/version']).toBe('2');
  });
});
