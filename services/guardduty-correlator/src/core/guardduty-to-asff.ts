import {
  type AsffFinding,
  type AsffResource,
  type GuardDutyFinding,
  guardDutySeverityLabel,
} from '@vigil/event-schema';
import { parseArn } from './arn';
import { readArray, readPath, readString } from './read-path';

/**
 * GuardDuty's threat purposes and the ASFF `namespace/category` Security Hub files them under, so a native
 * `GuardDuty Finding` and its Security Hub copy carry the same `Types` (a correlation signal is written once).
 */
const NAMESPACE_BY_PURPOSE: Record<string, string> = {
  Backdoor: 'TTPs/Command and Control',
  CredentialAccess: 'TTPs/Credential Access',
  CryptoCurrency: 'Effects/Resource Consumption',
  DefenseEvasion: 'TTPs/Defense Evasion',
  Discovery: 'TTPs/Discovery',
  Execution: 'TTPs/Execution',
  Exfiltration: 'Effects/Data Exfiltration',
  Impact: 'Effects/Resource Consumption',
  InitialAccess: 'TTPs/Initial Access',
  PenTest: 'TTPs/Discovery',
  Persistence: 'TTPs/Persistence',
  Policy: 'Software and Configuration Checks/AWS Security Best Practices',
  PrivilegeEscalation: 'TTPs/Privilege Escalation',
  Recon: 'TTPs/Discovery',
  Stealth: 'TTPs/Defense Evasion',
  Trojan: 'TTPs/Command and Control',
  UnauthorizedAccess: 'TTPs/Initial Access',
};

/**
 * The ASFF type of a GuardDuty finding type, as Security Hub writes it: `/` inside the GuardDuty type
 * becomes `-` (ASFF uses `/` between namespace, category and classifier).
 *
 * @example asffTypeOfGuardDutyType('Backdoor:EC2/C&CActivity.B!DNS') // 'TTPs/Command and Control/Backdoor:EC2-C&CActivity.B!DNS'
 */
export function asffTypeOfGuardDutyType(type: string): string {
  const purpose = type.split(':')[0] ?? '';
  const namespace =
    purpose === 'Behavior'
      ? `Unusual Behaviors/${type.includes(':EC2/') ? 'VM' : 'User'}`
      : (NAMESPACE_BY_PURPOSE[purpose] ?? 'Unusual Behaviors/Application');
  return `${namespace}/${type.replaceAll('/', '-')}`;
}

/** A native GuardDuty finding in the ASFF form Security Hub would import it as (same `Id`: the finding ARN). */
export function guardDutyToAsff(finding: GuardDutyFinding): AsffFinding {
  const { partition, region, accountId } = finding;
  const productFields: Record<string, string> = { 'aws/guardduty/type': finding.type };
  const actionType = finding.service.action?.actionType;
  if (actionType) productFields['aws/guardduty/service/action/actionType'] = actionType;
  if (finding.service.count !== undefined)
    productFields['aws/guardduty/service/count'] = String(finding.service.count);
  if (finding.service.resourceRole)
    productFields['aws/guardduty/service/resourceRole'] = finding.service.resourceRole;
  if (readPath(finding.service.additionalInfo, 'sample') === true) {
    productFields['aws/guardduty/service/additionalInfo/sample'] = 'true';
  }
  return {
    SchemaVersion: '2018-10-08',
    Id: finding.arn,
    ProductArn: `arn:${partition}:securityhub:${region}::product/aws/guardduty`,
    ProductName: 'GuardDuty',
    CompanyName: 'Amazon',
    GeneratorId: finding.arn.replace(/\/finding\/[^/]+$/, ''),
    AwsAccountId: accountId,
    Region: region,
    Types: [asffTypeOfGuardDutyType(finding.type)],
    CreatedAt: finding.createdAt,
    UpdatedAt: finding.updatedAt,
    FirstObservedAt: finding.service.eventFirstSeen ?? finding.createdAt,
    LastObservedAt: finding.service.eventLastSeen ?? finding.updatedAt,
    Severity: { Label: guardDutySeverityLabel(finding.severity), Original: String(finding.severity) },
    Title: finding.title,
    Description: finding.description,
    Resources: guardDutyResources(finding),
    ProductFields: productFields,
    RecordState: finding.service.archived === true ? 'ARCHIVED' : 'ACTIVE',
  };
}

function guardDutyResources(finding: GuardDutyFinding): AsffResource[] {
  const { partition, region, accountId } = finding;
  const base = { Partition: partition, Region: region };
  const resource = finding.resource;
  const resources: AsffResource[] = [];
  switch (resource?.resourceType) {
    case 'Instance': {
      const instanceId = readString(resource, 'instanceDetails', 'instanceId');
      if (instanceId) {
        resources.push({
          ...base,
          Type: 'AwsEc2Instance',
          Id: `arn:${partition}:ec2:${region}:${accountId}:instance/${instanceId}`,
          Details: { AwsEc2Instance: instanceDetails(readPath(resource, 'instanceDetails')) },
        });
      }
      for (const volume of readArray(resource, 'ebsVolumeDetails', 'scannedVolumeDetails')) {
        const volumeArn = readString(volume, 'volumeArn');
        if (volumeArn) resources.push({ ...base, Type: 'AwsEc2Volume', Id: volumeArn });
      }
      break;
    }
    case 'S3Bucket':
    case 'S3Object':
      for (const bucket of readArray(resource, 's3BucketDetails')) {
        const name = readString(bucket, 'name');
        const arn = readString(bucket, 'arn') ?? (name ? `arn:${partition}:s3:::${name}` : undefined);
        if (arn) resources.push({ ...base, Type: 'AwsS3Bucket', Id: arn });
      }
      break;
    case 'EKSCluster':
      pushArn(resources, base, 'AwsEksCluster', readString(resource, 'eksClusterDetails', 'arn'));
      break;
    case 'Lambda':
      pushArn(resources, base, 'AwsLambdaFunction', readString(resource, 'lambdaDetails', 'functionArn'));
      break;
    case 'RDSDBInstance':
      pushArn(
        resources,
        base,
        'AwsRdsDbInstance',
        readString(resource, 'rdsDbInstanceDetails', 'dbInstanceArn')
      );
      break;
    case 'ECSCluster':
      pushArn(resources, base, 'AwsEcsCluster', readString(resource, 'ecsClusterDetails', 'arn'));
      break;
  }
  // Access key findings, and S3 findings made with a key, also name the key and its principal.
  const accessKeyId = readString(resource, 'accessKeyDetails', 'accessKeyId');
  if (accessKeyId && (resource?.resourceType === 'AccessKey' || resources.length > 0)) {
    resources.push({
      ...base,
      Type: 'AwsIamAccessKey',
      Id: `AWS::IAM::AccessKey:${accessKeyId}`,
      Details: {
        AwsIamAccessKey: {
          AccessKeyId: accessKeyId,
          AccountId: accountId,
          PrincipalId: readString(resource, 'accessKeyDetails', 'principalId'),
          PrincipalName: readString(resource, 'accessKeyDetails', 'userName'),
          PrincipalType: readString(resource, 'accessKeyDetails', 'userType'),
        },
      },
    });
  }
  if (resources.length === 0) {
    // Findings without a resource section (e.g. IAM policy changes) still name what they touched.
    const affected = readPath(finding.service.action, 'awsApiCallAction', 'affectedResources');
    if (affected !== null && typeof affected === 'object') {
      for (const value of Object.values(affected)) {
        if (typeof value === 'string' && parseArn(value))
          resources.push({ ...base, Type: 'Other', Id: value });
      }
    }
  }
  return resources;
}

function pushArn(resources: AsffResource[], base: object, type: string, arn: string | undefined): void {
  if (arn) resources.push({ ...base, Type: type, Id: arn });
}

function instanceDetails(details: unknown): Record<string, unknown> {
  const addresses = new Set<string>();
  for (const networkInterface of readArray(details, 'networkInterfaces')) {
    const privateIp = readString(networkInterface, 'privateIpAddress');
    const publicIp = readString(networkInterface, 'publicIp');
    if (privateIp) addresses.add(privateIp);
    if (publicIp) addresses.add(publicIp);
  }
  const firstInterface = readArray(details, 'networkInterfaces')[0];
  return {
    Type: readString(details, 'instanceType'),
    ImageId: readString(details, 'imageId'),
    IpV4Addresses: [...addresses],
    VpcId: readString(firstInterface, 'vpcId'),
    SubnetId: readString(firstInterface, 'subnetId'),
  };
}
