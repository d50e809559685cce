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
} from './asff-samples';

/** An event as an AWS service puts it on the default bus. */
export type SourceEvent = { source: string; detailType: string; detail: unknown };

/** One of the seed's correlations: the events that make it, and the rule that must fire once. */
export type SeedScenario = { ruleId: string; description: string; events: SourceEvent[] };

const securityHub = (findings: AsffFinding[]): SourceEvent => ({
  source: 'aws.securityhub',
  detailType: 'Security Hub Findings - Imported',
  detail: { findings },
});

/**
 * The three correlations of the AWS Security Blog post "Correlate security findings with AWS Security Hub
 * and Amazon EventBridge", as the products would report them (the backdoor as a native GuardDuty event).
 */
export function seedScenarios(): SeedScenario[] {
  const backdoored = 'i-0seed000000000001';
  const exposed = 'i-0seed000000000003';
  const bucket = 'seed-customer-exports';
  return [
    {
      ruleId: 'ec2-backdoor-critical-cves',
      description: `GuardDuty backdoor + 3 critical Inspector CVEs on ${backdoored}`,
      events: [
        {
          source: 'aws.guardduty',
          detailType: 'GuardDuty Finding',
          detail: nativeGuardDutyInstance('Backdoor:EC2/C&CActivity.B!DNS', backdoored),
        },
        ...['CVE-2024-6387', 'CVE-2024-3094', 'CVE-2023-38408'].map((cve) =>
          securityHub([inspectorCve(backdoored, cve)])
        ),
      ],
    },
    {
      ruleId: 's3-sensitive-data-exfiltration',
      description: `Macie sensitive data + GuardDuty S3 exfiltration on ${bucket}`,
      events: [
        securityHub([macieSensitiveData(bucket)]),
        securityHub([
          guardDutyAsff('Exfiltration:S3/AnomalousBehavior', bucketResources(bucket), {
            time: '2024-06-01T12:00:00.000Z',
          }),
        ]),
      ],
    },
    {
      ruleId: 'ec2-exposed-brute-force',
      description: `public IP + open security group + unusual port + SSH brute force on ${exposed}`,
      events: [
        securityHub([controlFinding('EC2.9', ec2Resource(exposed)[0] as AsffFinding['Resources'][number])]),
        securityHub([inspectorNetworkReachability(exposed)]),
        securityHub([
          guardDutyAsff('Behavior:EC2/NetworkPortUnusual', ec2Resource(exposed), {
            time: '2024-06-01T11:00:00.000Z',
          }),
        ]),
        securityHub([
          guardDutyAsff('UnauthorizedAccess:EC2/SSHBruteForce', ec2Resource(exposed), {
            severity: 'LOW',
            time: '2024-06-01T11:30:00.000Z',
          }),
        ]),
      ],
    },
  ];
}

/** Every event twice, scrambled (deterministically): at-least-once, out-of-order delivery. */
export function twiceOutOfOrder<T>(events: readonly T[]): T[] {
  const twice = [...events, ...events];
  return twice
    .map((_, index) => twice[(index * 7 + 3) % twice.length])
    .filter((event): event is T => event !== undefined);
}
