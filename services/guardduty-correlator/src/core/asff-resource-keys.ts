import type { AsffResource } from '@vigil/event-schema';
import { parseArn } from './arn';
import { readString } from './read-path';
import {
  type KeyScope,
  keyOfArn,
  principalKey,
  type ResourceKey,
  type ResourceKind,
  regionalKey,
  resourceKey,
  roleKey,
  userKey,
} from './resource-key';

const ACCESS_KEY_PREFIX = 'AWS::IAM::AccessKey:';
const ACCOUNT_PREFIX = 'AWS::::Account:';

/**
 * The resource keys of one ASFF resource. Most give one key; an access key also gives its principal
 * (the role of an assumed-role session, or the user), so "credential exfiltration on a role" and
 * "external access to that role" meet on the same key. Unknown types key by ARN when their id is one.
 */
export function keysOfAsffResource(resource: AsffResource, scope: KeyScope): ResourceKey[] {
  const local: KeyScope = { ...scope, region: resource.Region ?? scope.region };
  const id = resource.Id;
  const details = resource.Details;
  switch (resource.Type) {
    case 'AwsEc2Instance':
      return one(byArnOrBare(id, 'ec2-instance', local));
    case 'AwsEc2Volume':
      return one(byArnOrBare(id, 'ebs-volume', local));
    case 'AwsEc2SecurityGroup':
      return one(byArnOrBare(id, 'ec2-security-group', local));
    case 'AwsS3Bucket':
    case 'AwsS3Object':
      return one(parseArn(id) ? keyOfArn(id, local) : resourceKey('s3-bucket', id.split('/')[0] ?? id));
    case 'AwsIamAccessKey':
      return accessKeyKeys(resource, local);
    case 'AwsIamRole':
      return one(roleKey(parseArn(id) ? id : (readString(details, 'AwsIamRole', 'RoleName') ?? id), local));
    case 'AwsIamUser':
      return one(userKey(parseArn(id) ? id : (readString(details, 'AwsIamUser', 'UserName') ?? id), local));
    case 'AwsRdsDbInstance':
      return one(
        parseArn(id)
          ? keyOfArn(id, local)
          : regionalKey(
              'rds-db-instance',
              readString(details, 'AwsRdsDbInstance', 'DBInstanceIdentifier') ?? id,
              local
            )
      );
    case 'AwsLambdaFunction':
      return one(
        parseArn(id)
          ? keyOfArn(id, local)
          : regionalKey(
              'lambda-function',
              readString(details, 'AwsLambdaFunction', 'FunctionName') ?? id,
              local
            )
      );
    case 'AwsEksCluster':
      return one(
        parseArn(id)
          ? keyOfArn(id, local)
          : regionalKey('eks-cluster', readString(details, 'AwsEksCluster', 'Name') ?? id, local)
      );
    case 'AwsAccount':
      return one(accountKey(id));
    default:
      return one(keyOfArn(id, local));
  }
}

function one(key: ResourceKey | undefined): ResourceKey[] {
  return key === undefined ? [] : [key];
}

function byArnOrBare(id: string, kind: ResourceKind, scope: KeyScope): ResourceKey | undefined {
  if (parseArn(id) !== undefined) {
    const key = keyOfArn(id, scope);
    return key?.kind === kind ? key : undefined;
  }
  return /^\S+$/.test(id) ? resourceKey(kind, id) : undefined;
}

function accountKey(id: string): ResourceKey | undefined {
  const account = id.startsWith(ACCOUNT_PREFIX) ? id.slice(ACCOUNT_PREFIX.length) : id;
  return /^\d{12}$/.test(account) ? resourceKey('aws-account', account) : undefined;
}

function accessKeyKeys(resource: AsffResource, scope: KeyScope): ResourceKey[] {
  const details = resource.Details;
  const fromId = resource.Id.startsWith(ACCESS_KEY_PREFIX)
    ? resource.Id.slice(ACCESS_KEY_PREFIX.length)
    : resource.Id;
  const accessKeyId = readString(details, 'AwsIamAccessKey', 'AccessKeyId') ?? fromId;
  const keys: ResourceKey[] = /^\S+$/.test(accessKeyId) ? [resourceKey('iam-access-key', accessKeyId)] : [];
  const principal = accessKeyPrincipal(details, {
    ...scope,
    accountId: readString(details, 'AwsIamAccessKey', 'AccountId') ?? scope.accountId,
  });
  if (principal !== undefined) keys.push(principal);
  return keys;
}

function accessKeyPrincipal(details: unknown, scope: KeyScope): ResourceKey | undefined {
  const issuerArn = readString(details, 'AwsIamAccessKey', 'SessionContext', 'SessionIssuer', 'Arn');
  if (issuerArn !== undefined) return principalKey(issuerArn, scope);
  const type = readString(details, 'AwsIamAccessKey', 'PrincipalType');
  const name =
    readString(details, 'AwsIamAccessKey', 'PrincipalName') ??
    readString(details, 'AwsIamAccessKey', 'UserName');
  if (name === undefined) return undefined;
  if (type === 'AssumedRole' || type === 'Role') return roleKey(name, scope);
  if (type === 'IAMUser') return userKey(name, scope);
  return undefined;
}
