import type { AsffFinding } from '@vigil/event-schema';
import {
  bucketResources,
  controlFinding,
  ec2Resource,
  guardDutyAsff,
  inspectorCve,
  inspectorNetworkReachability,
  macieSensitiveData,
  nativeGuardDutyInstance,
} from '../helpers/asff-fixtures';
import { type LocalCorrelator, startLocalCorrelator } from '../helpers/local-correlator';

// The seed's three correlations end with exactly one CRITICAL finding each — every event delivered twice and
// out of order — and their near misses with none, through EventBridge → SQS → ingest → DynamoDB Local stream →
// matcher → the Security Hub recorder.

let local: LocalCorrelator;
let capturedEvents: () => Promise<{ Body?: string | undefined }[]>;

beforeAll(async () => {
  local = await startLocalCorrelator();
  capturedEvents = await local.captureCorrelatedEvents();
}, 60_000);

afterAll(async () => {
  await local?.stop();
});

const securityHub = (findings: AsffFinding[]) => ({
  source: 'aws.securityhub',
  detailType: 'Security Hub Findings - Imported',
  detail: { findings },
});

/** Every event twice, in a scrambled order (deterministic), one PutEvents call each. */
async function deliverTwiceOutOfOrder(events: { source: string; detailType: string; detail: unknown }[]) {
  const twice = [...events, ...events];
  const order = twice.map((_, index) => (index * 7 + 3) % twice.length);
  for (const index of order) {
    const event = twice[index];
    if (event) await local.putEvents([event]);
  }
  await local.drain();
}

async function correlatedFor(ruleId: string) {
  return (await local.correlatedFindings()).filter(
    (finding) => finding.ProductFields?.['vigil/ruleId'] === ruleId
  );
}

describe('seed correlations on local-cloud', () => {
  it('backdoor + three critical CVEs on one instance → one CRITICAL finding', async () => {
    // Prepare
    const instance = 'i-0aaa000000000001';
    const native = nativeGuardDutyInstance('Backdoor:EC2/C&CActivity.B!DNS', instance, {
      time: '2024-06-01T10:00:00.000Z',
    });
    const events = [
      { source: 'aws.guardduty', detailType: 'GuardDuty Finding', detail: native },
      ...['CVE-2024-1001', 'CVE-2024-1002', 'CVE-2024-1003'].map((cve) =>
        securityHub([inspectorCve(instance, cve)])
      ),
    ];

    // Act
    await deliverTwiceOutOfOrder(events);

    // Assess
    const findings = await correlatedFor('ec2-backdoor-critical-cves');
    expect(findings).toHaveLength(1);
    expect(findings[0]?.Severity?.Label).toBe('CRITICAL');
    expect(findings[0]?.FindingProviderFields?.Severity?.Label).toBe('CRITICAL');
    expect(findings[0]?.RelatedFindings?.map((related) => related.Id)).toContain(native.arn);
    expect(findings[0]?.RelatedFindings).toHaveLength(4);
    expect(findings[0]?.Resources?.[0]?.Id).toBe(`arn:aws:ec2:us-east-1:111122223333:instance/${instance}`);
    expect(findings[0]?.Note?.Text).toMatch(/account metadata unavailable/);
    const published = (await capturedEvents()).map((message) => JSON.parse(message.Body ?? '{}'));
    expect(published.filter((event) => event.detail.ruleId === 'ec2-backdoor-critical-cves')).toHaveLength(1);
  });

  it('Macie sensitive data + GuardDuty S3 exfiltration on one bucket → one CRITICAL finding', async () => {
    // Prepare
    const events = [
      securityHub([macieSensitiveData('seed-customer-data')]),
      securityHub([
        guardDutyAsff('Exfiltration:S3/AnomalousBehavior', bucketResources('seed-customer-data'), {
          time: '2024-06-01T12:00:00.000Z',
        }),
      ]),
    ];

    // Act
    await deliverTwiceOutOfOrder(events);

    // Assess
    const findings = await correlatedFor('s3-sensitive-data-exfiltration');
    expect(findings).toHaveLength(1);
    expect(findings[0]?.Resources?.[0]).toMatchObject({
      Type: 'AwsS3Bucket',
      Id: 'arn:aws:s3:::seed-customer-data',
    });
  });

  it('public IP + open security group + unusual traffic + brute force on one instance → one CRITICAL finding', async () => {
    // Prepare
    const instance = 'i-0aaa000000000003';
    const events = [
      securityHub([controlFinding('EC2.9', ec2Resource(instance)[0] as AsffFinding['Resources'][number])]),
      securityHub([inspectorNetworkReachability(instance)]),
      securityHub([
        guardDutyAsff('Behavior:EC2/NetworkPortUnusual', ec2Resource(instance), {
          time: '2024-06-01T11:00:00.000Z',
        }),
      ]),
      securityHub([
        guardDutyAsff('UnauthorizedAccess:EC2/SSHBruteForce', ec2Resource(instance), {
          severity: 'LOW',
          time: '2024-06-01T11:30:00.000Z',
        }),
      ]),
    ];

    // Act
    await deliverTwiceOutOfOrder(events);

    // Assess
    const findings = await correlatedFor('ec2-exposed-brute-force');
    expect(findings).toHaveLength(1);
    expect(findings[0]?.RelatedFindings).toHaveLength(4);
  });

  it('imported each correlated finding once, however often its members were delivered', async () => {
    // Assess
    expect(local.calls.get('BatchImportFindingsCommand')).toBe(3);
    expect(await local.correlatedFindings()).toHaveLength(3);
  });

  describe('near misses', () => {
    it('stays quiet on a backdoor with two critical CVEs (the third is HIGH)', async () => {
      // Prepare
      const instance = 'i-0bbb000000000001';
      const events = [
        securityHub([guardDutyAsff('Backdoor:EC2/C&CActivity.B!DNS', ec2Resource(instance))]),
        securityHub([inspectorCve(instance, 'CVE-2024-2001'), inspectorCve(instance, 'CVE-2024-2002')]),
        securityHub([inspectorCve(instance, 'CVE-2024-2003', { severity: 'HIGH' })]),
      ];

      // Act
      await deliverTwiceOutOfOrder(events);

      // Assess
      expect(JSON.stringify(await correlatedFor('ec2-backdoor-critical-cves'))).not.toContain(instance);
    });

    it('stays quiet when the backdoor is on another instance than the CVEs', async () => {
      // Prepare
      const events = [
        securityHub([guardDutyAsff('Backdoor:EC2/C&CActivity.B!DNS', ec2Resource('i-0ccc000000000001'))]),
        securityHub(
          ['CVE-2024-3001', 'CVE-2024-3002', 'CVE-2024-3003'].map((cve) =>
            inspectorCve('i-0ccc000000000002', cve)
          )
        ),
      ];

      // Act
      await deliverTwiceOutOfOrder(events);

      // Assess
      const text = JSON.stringify(await correlatedFor('ec2-backdoor-critical-cves'));
      expect(text).not.toContain('i-0ccc000000000001');
      expect(text).not.toContain('i-0ccc000000000002');
    });

    it('stays quiet when Macie and GuardDuty are further apart than the window', async () => {
      // Prepare
      const events = [
        securityHub([macieSensitiveData('seed-old-data', { time: '2024-05-20T10:00:00.000Z' })]),
        securityHub([
          guardDutyAsff('Exfiltration:S3/AnomalousBehavior', bucketResources('seed-old-data'), {
            time: '2024-06-01T12:00:00.000Z',
          }),
        ]),
      ];

      // Act
      await deliverTwiceOutOfOrder(events);

      // Assess
      expect(JSON.stringify(await correlatedFor('s3-sensitive-data-exfiltration'))).not.toContain(
        'seed-old-data'
      );
    });

    it('added no correlated finding', async () => {
      // Assess
      expect(await local.correlatedFindings()).toHaveLength(3);
    });
  });
});
