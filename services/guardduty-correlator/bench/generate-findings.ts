// A deterministic estate: 2,000 resources with 5 findings each (10,000 findings), some of which are planted
// correlations; near misses and noise make up the rest. Shapes come from the test fixtures (ASFF as the
// products publish it).
import type { AsffFinding } from '@vigil/event-schema';
import { seededRandom as sharedSeededRandom } from '@vigil/lambda-kit/testing';
import {
  ACCOUNT,
  accessAnalyzerExternalAccess,
  bucketResources,
  controlFinding,
  ec2Resource,
  guardDutyAsff,
  inspectorCve,
  inspectorNetworkReachability,
  macieSensitiveData,
} from '../src/samples/asff-samples';

export type Planted = { ruleId: string; resourceKey: string };
export type Estate = { findings: AsffFinding[]; planted: Planted[]; resources: number };

/** A small seeded PRNG, so every run generates the same estate. */
export const seededRandom = sharedSeededRandom;

const DAY = '2024-06-01';
const at = (hour: number, minute = 0) =>
  `${DAY}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`;
const roleSessionKey = (role: string, key: string): AsffFinding['Resources'] => [
  {
    Type: 'AwsIamAccessKey',
    Id: `AWS::IAM::AccessKey:${key}`,
    Details: {
      AwsIamAccessKey: { PrincipalName: role, PrincipalType: 'AssumedRole', PrincipalId: `AROA:${role}` },
    },
  },
];

/**
 * Generates the estate. Per resource exactly `perResource` findings. Planted: backdoor + 3 critical CVEs
 * (instances 0–39), exposed brute force (instances 40–59), Macie + exfiltration (buckets 0–29), credential
 * exfiltration + external access (roles 0–19). Near misses: backdoor + 2 critical CVEs (instances 60–99),
 * Macie 10 days before the exfiltration (buckets 30–59).
 */
export function generateEstate(options: {
  instances: number;
  buckets: number;
  roles: number;
  perResource: number;
  seed: number;
}): Estate {
  const random = seededRandom(options.seed);
  const findings: AsffFinding[] = [];
  const planted: Planted[] = [];
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  let cve = 0;
  const nextCve = () => `CVE-2024-${String(++cve).padStart(5, '0')}`;

  for (let n = 0; n < options.instances; n += 1) {
    const id = `i-bench${String(n).padStart(9, '0')}`;
    const own: AsffFinding[] = [];
    if (n < 40) {
      own.push(guardDutyAsff('Backdoor:EC2/C&CActivity.B!DNS', ec2Resource(id), { time: at(9) }));
      for (let k = 0; k < 3; k += 1) own.push(inspectorCve(id, nextCve(), { time: at(8, k) }));
      planted.push({ ruleId: 'ec2-backdoor-critical-cves', resourceKey: `ec2-instance:${id}` });
    } else if (n < 60) {
      own.push(
        controlFinding('EC2.9', ec2Resource(id)[0] as AsffFinding['Resources'][number], { time: at(7) })
      );
      own.push(inspectorNetworkReachability(id, { time: at(7, 30) }));
      own.push(guardDutyAsff('Behavior:EC2/NetworkPortUnusual', ec2Resource(id), { time: at(10) }));
      own.push(
        guardDutyAsff('UnauthorizedAccess:EC2/SSHBruteForce', ec2Resource(id), {
          severity: 'LOW',
          time: at(10, 30),
        })
      );
      planted.push({ ruleId: 'ec2-exposed-brute-force', resourceKey: `ec2-instance:${id}` });
    } else if (n < 100) {
      own.push(guardDutyAsff('Backdoor:EC2/C&CActivity.B!DNS', ec2Resource(id), { time: at(9) }));
      own.push(inspectorCve(id, nextCve(), { time: at(8) }), inspectorCve(id, nextCve(), { time: at(8, 5) }));
    }
    // Noise: at most two critical CVEs and never a backdoor or a full exposure set.
    let critical = own.filter(
      (finding) => finding.Severity.Label === 'CRITICAL' && finding.ProductName === 'Inspector'
    ).length;
    while (own.length < options.perResource) {
      const kind = pick(['high-cve', 'critical-cve', 'recon', 'port', 'control'] as const);
      if (kind === 'critical-cve' && critical < 2 && n >= 100) {
        own.push(inspectorCve(id, nextCve(), { time: at(6 + Math.floor(random() * 10)) }));
        critical += 1;
      } else if (kind === 'recon') {
        own.push(
          guardDutyAsff('Recon:EC2/PortProbeUnprotectedPort', ec2Resource(id), {
            severity: 'LOW',
            time: at(5),
          })
        );
      } else if (kind === 'port' && n >= 60) {
        own.push(guardDutyAsff('Behavior:EC2/TrafficVolumeUnusual', ec2Resource(id), { time: at(11) }));
      } else if (kind === 'control') {
        own.push(
          controlFinding('EC2.8', ec2Resource(id)[0] as AsffFinding['Resources'][number], { time: at(4) })
        );
      } else {
        own.push(inspectorCve(id, nextCve(), { severity: 'HIGH', time: at(6) }));
      }
    }
    findings.push(...own);
  }

  for (let n = 0; n < options.buckets; n += 1) {
    const bucket = `bench-bucket-${String(n).padStart(5, '0')}`;
    const own: AsffFinding[] = [];
    if (n < 30) {
      own.push(
        macieSensitiveData(bucket, { time: at(8) }),
        guardDutyAsff('Exfiltration:S3/AnomalousBehavior', bucketResources(bucket, `ASIABENCHB${n}`), {
          time: at(12),
        })
      );
      planted.push({ ruleId: 's3-sensitive-data-exfiltration', resourceKey: `s3-bucket:${bucket}` });
    } else if (n < 60) {
      own.push(
        macieSensitiveData(bucket, { time: '2024-05-20T08:00:00.000Z' }),
        guardDutyAsff('Exfiltration:S3/AnomalousBehavior', bucketResources(bucket, `ASIABENCHB${n}`), {
          time: at(12),
        })
      );
    }
    while (own.length < options.perResource) {
      // Sensitive data alone correlates with nothing (never on the near misses: it would complete them); the S3
      // controls match no rule (skipped at ingest).
      own.push(
        random() < 0.5 && (n < 30 || n >= 60)
          ? macieSensitiveData(bucket, { time: at(1 + Math.floor(random() * 10)) })
          : controlFinding(
              pick(['S3.5', 'S3.9', 'S3.13']),
              { Type: 'AwsS3Bucket', Id: `arn:aws:s3:::${bucket}` },
              { time: at(3) }
            )
      );
    }
    findings.push(...own);
  }

  for (let n = 0; n < options.roles; n += 1) {
    const role = `bench-role-${String(n).padStart(5, '0')}`;
    const own: AsffFinding[] = [];
    if (n < 20) {
      own.push(
        guardDutyAsff(
          'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
          roleSessionKey(role, `ASIABENCHR${n}`),
          { time: at(13) }
        ),
        accessAnalyzerExternalAccess(`arn:aws:iam::${ACCOUNT}:role/${role}`, {
          id: `aa-${role}`,
          time: at(2),
        })
      );
      planted.push({
        ruleId: 'iam-role-credential-exfiltration-external-access',
        resourceKey: `iam-role:${ACCOUNT}/${role}`,
      });
    }
    if (n >= 20)
      own.push(
        accessAnalyzerExternalAccess(`arn:aws:iam::${ACCOUNT}:role/${role}`, {
          id: `aa-${role}`,
          time: at(2),
        })
      );
    while (own.length < options.perResource) {
      own.push(
        controlFinding(
          'IAM.21',
          { Type: 'AwsIamRole', Id: `arn:aws:iam::${ACCOUNT}:role/${role}` },
          { time: at(3) }
        )
      );
    }
    findings.push(...own);
  }
  return { findings, planted, resources: options.instances + options.buckets + options.roles };
}

/** Groups findings into Security Hub events of 1–5 findings, shuffled, with `duplicateShare` redelivered. */
export function toDeliveries(
  findings: readonly AsffFinding[],
  seed: number,
  duplicateShare: number
): AsffFinding[][] {
  const random = seededRandom(seed);
  const events: AsffFinding[][] = [];
  const shuffled = shuffle([...findings], random);
  for (let index = 0; index < shuffled.length; ) {
    const size = 1 + Math.floor(random() * 5);
    events.push(shuffled.slice(index, index + size));
    index += size;
  }
  const duplicates = events.filter(() => random() < duplicateShare);
  return shuffle([...events, ...duplicates], random);
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let index = items.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [items[index], items[other]] = [items[other] as T, items[index] as T];
  }
  return items;
}
