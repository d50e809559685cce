// Realistic ASFF and GuardDuty findings, shaped after the AWS Security Finding Format documentation and the
// examples each product publishes (Inspector CVE and network reachability, GuardDuty, Macie, Security Hub
// controls, IAM Access Analyzer). Used by the local scenarios, the tests and the benchmark.
import type { AsffFinding, GuardDutyFinding } from '@vigil/event-schema';

export const ACCOUNT = '111122223333';
export const REGION = 'us-east-1';
const PRODUCT = (name: string) => `arn:aws:securityhub:${REGION}::product/aws/${name}`;

let sequence = 0;
/** Deterministic ids: the n-th fixture of a test run. */
const next = () => (++sequence).toString(16).padStart(8, '0');
const instanceArn = (id: string, account = ACCOUNT) => `arn:aws:ec2:${REGION}:${account}:instance/${id}`;

type Common = { id?: string; time?: string; account?: string; updatedAt?: string };

function base(product: string, name: string, options: Common, extra: Partial<AsffFinding>): AsffFinding {
  const time = options.time ?? '2024-06-01T10:00:00.000Z';
  return {
    SchemaVersion: '2018-10-08',
    Id: options.id ?? `${name}-${next()}`,
    ProductArn: PRODUCT(product),
    ProductName: name,
    CompanyName: 'Amazon',
    Region: REGION,
    GeneratorId: `${product}-generator`,
    AwsAccountId: options.account ?? ACCOUNT,
    CreatedAt: time,
    UpdatedAt: options.updatedAt ?? time,
    FirstObservedAt: time,
    LastObservedAt: time,
    Severity: { Label: 'MEDIUM' },
    Title: `${name} finding`,
    Description: `${name} finding`,
    Resources: [],
    RecordState: 'ACTIVE',
    Workflow: { Status: 'NEW' },
    ...extra,
  } as AsffFinding;
}

export function inspectorCve(
  instanceId: string,
  cve: string,
  options: Common & { severity?: 'CRITICAL' | 'HIGH' } = {}
): AsffFinding {
  return base(
    'inspector',
    'Inspector',
    { id: `arn:aws:inspector2:${REGION}:${ACCOUNT}:finding/${cve}-${instanceId}`, ...options },
    {
      GeneratorId: 'AWSInspector',
      Types: ['Software and Configuration Checks/Vulnerabilities/CVE'],
      Severity: { Label: options.severity ?? 'CRITICAL', Normalized: 90 },
      Title: `${cve} - openssl`,
      Description: `A vulnerability (${cve}) was found in openssl.`,
      Resources: [
        {
          Type: 'AwsEc2Instance',
          Id: instanceArn(instanceId, options.account),
          Partition: 'aws',
          Region: REGION,
          Details: {
            AwsEc2Instance: {
              Type: 't3.micro',
              ImageId: 'ami-0abcdef1234567890',
              IpV4Addresses: ['10.0.0.12'],
            },
          },
        },
      ],
      Vulnerabilities: [{ Id: cve, VulnerablePackages: [{ Name: 'openssl', Version: '1.0.2k' }] }],
    } as Partial<AsffFinding>
  );
}

export function inspectorNetworkReachability(instanceId: string, options: Common = {}): AsffFinding {
  return base(
    'inspector',
    'Inspector',
    { id: `arn:aws:inspector2:${REGION}:${ACCOUNT}:finding/net-${instanceId}`, ...options },
    {
      GeneratorId: 'AWSInspector',
      Types: [
        'Software and Configuration Checks/AWS Security Best Practices/Network Reachability - Recognized port reachable from internet',
      ],
      Severity: { Label: 'MEDIUM', Normalized: 40 },
      Title: 'Port 22 is reachable from an Internet Gateway - TCP',
      Resources: [
        {
          Type: 'AwsEc2Instance',
          Id: instanceArn(instanceId, options.account),
          Partition: 'aws',
          Region: REGION,
        },
      ],
    }
  );
}

/** A GuardDuty finding as Security Hub imports it (`Types` with `-` for GuardDuty's `/`). */
export function guardDutyAsff(
  guardDutyType: string,
  resources: AsffFinding['Resources'],
  options: Common & { severity?: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL' } = {}
): AsffFinding {
  const detector = `arn:aws:guardduty:${REGION}:${options.account ?? ACCOUNT}:detector/12abc34d567e8fa901bc2d34e56789f0`;
  const purpose = guardDutyType.split(':')[0];
  const namespace: Record<string, string> = {
    Backdoor: 'TTPs/Command and Control',
    Behavior: 'Unusual Behaviors/VM',
    UnauthorizedAccess: 'TTPs/Initial Access',
    Exfiltration: 'Effects/Data Exfiltration',
    CryptoCurrency: 'Effects/Resource Consumption',
    Execution: 'TTPs/Execution',
    Policy: 'Software and Configuration Checks/AWS Security Best Practices',
    CredentialAccess: 'TTPs/Credential Access',
    Persistence: 'TTPs/Persistence',
  };
  return base(
    'guardduty',
    'GuardDuty',
    { id: `${detector}/finding/${next()}`, ...options },
    {
      GeneratorId: detector,
      Types: [`${namespace[purpose ?? ''] ?? 'TTPs'}/${guardDutyType.replaceAll('/', '-')}`],
      Severity: { Label: options.severity ?? 'HIGH', Normalized: 70, Original: '8' },
      Title: `GuardDuty ${guardDutyType}`,
      Resources: resources,
      ProductFields: { 'aws/guardduty/service/archived': 'false' },
    }
  );
}

export const ec2Resource = (instanceId: string, account = ACCOUNT) => [
  { Type: 'AwsEc2Instance', Id: instanceArn(instanceId, account), Partition: 'aws', Region: REGION },
];
export const bucketResources = (bucket: string, accessKeyId = 'ASIAQEXAMPLEEXAMPLE1') => [
  { Type: 'AwsS3Bucket', Id: `arn:aws:s3:::${bucket}`, Partition: 'aws', Region: REGION },
  {
    Type: 'AwsIamAccessKey',
    Id: `AWS::IAM::AccessKey:${accessKeyId}`,
    Partition: 'aws',
    Region: REGION,
    Details: {
      AwsIamAccessKey: {
        PrincipalId: 'AROAEXAMPLE:session',
        PrincipalName: 'DataRole',
        PrincipalType: 'AssumedRole',
      },
    },
  },
];

export function macieSensitiveData(bucket: string, options: Common = {}): AsffFinding {
  return base(
    'macie',
    'Macie',
    { id: `macie-${bucket}-${next()}`, ...options },
    {
      GeneratorId: 'aws/macie',
      Types: ['Sensitive Data Identifications/PII/SensitiveData:S3Object-Personal'],
      Severity: { Label: 'HIGH', Normalized: 70 },
      Title: 'The S3 object contains personal information.',
      Resources: [
        { Type: 'AwsS3Bucket', Id: `arn:aws:s3:::${bucket}`, Partition: 'aws', Region: REGION },
        {
          Type: 'AwsS3Object',
          Id: `arn:aws:s3:::${bucket}/customers/export.csv`,
          Partition: 'aws',
          Region: REGION,
        },
      ],
    }
  );
}

/** A Security Hub control finding (consolidated control findings: `Compliance.SecurityControlId`). */
export function controlFinding(
  controlId: string,
  resource: AsffFinding['Resources'][number],
  options: Common & { status?: 'FAILED' | 'PASSED' } = {}
): AsffFinding {
  return base(
    'securityhub',
    'Security Hub',
    {
      id: `arn:aws:securityhub:${REGION}:${ACCOUNT}:security-control/${controlId}/finding/${next()}`,
      ...options,
    },
    {
      ProductArn: `arn:aws:securityhub:${REGION}::product/aws/securityhub`,
      GeneratorId: `security-control/${controlId}`,
      Types: ['Software and Configuration Checks/Industry and Regulatory Standards'],
      Severity: { Label: 'MEDIUM', Normalized: 40 },
      Title: `${controlId} control`,
      Resources: [resource],
      Compliance: { Status: options.status ?? 'FAILED', SecurityControlId: controlId },
    } as Partial<AsffFinding>
  );
}

export function accessAnalyzerExternalAccess(roleArn: string, options: Common = {}): AsffFinding {
  return base(
    'access-analyzer',
    'IAM Access Analyzer',
    {
      id: `arn:aws:access-analyzer:${REGION}:${ACCOUNT}:analyzer/org/arn:aws:iam::${ACCOUNT}:role/x`,
      ...options,
    },
    {
      GeneratorId: `arn:aws:access-analyzer:${REGION}:${ACCOUNT}:analyzer/org`,
      Types: ['Software and Configuration Checks/AWS Security Best Practices/External Access Granted'],
      Severity: { Label: 'LOW', Normalized: 1 },
      Title: 'AwsIamRole/arn:aws:iam::111122223333:role/app-role/ allows cross-account access',
      Resources: [{ Type: 'AwsIamRole', Id: roleArn, Partition: 'aws', Region: REGION }],
    }
  );
}

/** A native GuardDuty finding (the `GuardDuty Finding` event detail) about an EC2 instance. */
export function nativeGuardDutyInstance(
  type: string,
  instanceId: string,
  options: { id?: string; updatedAt?: string; time?: string } = {}
): GuardDutyFinding {
  const time = options.time ?? '2024-06-01T10:00:00.000Z';
  const id = options.id ?? next();
  return {
    schemaVersion: '2.0',
    accountId: ACCOUNT,
    region: REGION,
    partition: 'aws',
    id,
    arn: `arn:aws:guardduty:${REGION}:${ACCOUNT}:detector/12abc34d567e8fa901bc2d34e56789f0/finding/${id}`,
    type,
    resource: {
      resourceType: 'Instance',
      instanceDetails: {
        instanceId,
        instanceType: 't3.micro',
        networkInterfaces: [
          { privateIpAddress: '10.0.0.12', publicIp: '198.51.100.7', vpcId: 'vpc-1', subnetId: 'subnet-1' },
        ],
      },
    },
    service: {
      serviceName: 'guardduty',
      detectorId: '12abc34d567e8fa901bc2d34e56789f0',
      action: { actionType: 'NETWORK_CONNECTION' },
      archived: false,
      count: 1,
      eventFirstSeen: time,
      eventLastSeen: time,
      resourceRole: 'ACTOR',
    },
    severity: 8,
    createdAt: time,
    updatedAt: options.updatedAt ?? time,
    title: `GuardDuty ${type}`,
    description: `GuardDuty ${type}`,
  };
}

export function securityHubEvent(findings: AsffFinding[], id = `evt-${next()}`) {
  return {
    version: '0',
    id,
    'detail-type': 'Security Hub Findings - Imported',
    source: 'aws.securityhub',
    account: ACCOUNT,
    time: '2024-06-01T10:00:05Z',
    region: REGION,
    resources: findings.map((finding) => finding.ProductArn),
    detail: { findings },
  };
}

export function guardDutyEvent(finding: GuardDutyFinding, id = `evt-${next()}`) {
  return {
    version: '0',
    id,
    'detail-type': 'GuardDuty Finding',
    source: 'aws.guardduty',
    account: ACCOUNT,
    time: '2024-06-01T10:00:05Z',
    region: REGION,
    resources: [],
    detail: finding,
  };
}
