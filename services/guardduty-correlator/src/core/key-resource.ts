import type { AsffResource } from '@vigil/event-schema';
import { idOfKey, kindOfKey, type ResourceKind } from './resource-key';

/** The ASFF resource type whose id naturally gives each kind of key. */
const NATURAL_TYPE: Partial<Record<ResourceKind, string>> = {
  'ec2-instance': 'AwsEc2Instance',
  'ebs-volume': 'AwsEc2Volume',
  'ec2-security-group': 'AwsEc2SecurityGroup',
  's3-bucket': 'AwsS3Bucket',
  'iam-access-key': 'AwsIamAccessKey',
  'iam-role': 'AwsIamRole',
  'iam-user': 'AwsIamUser',
  'rds-db-instance': 'AwsRdsDbInstance',
  'lambda-function': 'AwsLambdaFunction',
  'eks-cluster': 'AwsEksCluster',
  'aws-account': 'AwsAccount',
};

/** Where a key's resource lives when the key does not say. */
export type ResourceScope = { accountId: string; region: string; partition: string };

/**
 * The ASFF ids Security Hub findings use for a key's resource (products differ: Inspector writes the
 * instance ARN, some integrations the bare id; access keys are `AWS::IAM::AccessKey:<id>`).
 */
export function asffIdsOfKey(key: string, scope: ResourceScope): string[] {
  const kind = kindOfKey(key);
  const id = idOfKey(key);
  const { partition: p, region, accountId } = scope;
  const [account = accountId, regionOf = region, name = id] = id.split('/');
  switch (kind) {
    case 'ec2-instance':
      return [`arn:${p}:ec2:${region}:${accountId}:instance/${id}`, id];
    case 'ebs-volume':
      return [`arn:${p}:ec2:${region}:${accountId}:volume/${id}`, id];
    case 'ec2-security-group':
      return [`arn:${p}:ec2:${region}:${accountId}:security-group/${id}`, id];
    case 's3-bucket':
      return [`arn:${p}:s3:::${id}`, id];
    case 'iam-access-key':
      return [`AWS::IAM::AccessKey:${id}`, id];
    case 'iam-role':
      return [`arn:${p}:iam::${account}:role/${id.slice(account.length + 1)}`];
    case 'iam-user':
      return [`arn:${p}:iam::${account}:user/${id.slice(account.length + 1)}`];
    case 'rds-db-instance':
      return [`arn:${p}:rds:${regionOf}:${account}:db:${name}`];
    case 'lambda-function':
      return [`arn:${p}:lambda:${regionOf}:${account}:function:${name}`];
    case 'eks-cluster':
      return [`arn:${p}:eks:${regionOf}:${account}:cluster/${name}`];
    case 'aws-account':
      return [`AWS::::Account:${id}`];
    default:
      return [id];
  }
}

/**
 * The resource a correlated finding is about, for its `Resources`: a member's own resource entry when
 * its type naturally carries the key (keeps the exact ARN, IAM path included), else one built from the key.
 */
export function resourceOfKey(
  key: string,
  scope: ResourceScope,
  hints: readonly {
    type: string;
    id: string;
    partition?: string | undefined;
    region?: string | undefined;
  }[] = []
): AsffResource {
  const kind = kindOfKey(key);
  const natural = kind === undefined ? undefined : NATURAL_TYPE[kind];
  const hint = hints.find((candidate) => natural !== undefined && candidate.type === natural);
  if (hint !== undefined) {
    return {
      Type: hint.type,
      Id: hint.id,
      Partition: hint.partition ?? scope.partition,
      Region: hint.region ?? scope.region,
    };
  }
  const [id = idOfKey(key)] = asffIdsOfKey(key, scope);
  return { Type: natural ?? 'Other', Id: id, Partition: scope.partition, Region: scope.region };
}
