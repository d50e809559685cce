import { z } from 'zod';
import { lastSegment, parseArn } from './arn';

/**
 * The kinds of resource the correlator keys findings by. A key is `<kind>:<id>` where the id is the same
 * whichever product reported it: GuardDuty says `i-0abc`, Inspector says `arn:aws:ec2:…:instance/i-0abc`,
 * both become `ec2-instance:i-0abc`. IAM names are scoped by account and lose their path (GuardDuty only
 * knows the name); regional names (RDS, Lambda, EKS) are scoped by account and region.
 */
export const RESOURCE_KINDS = [
  'ec2-instance',
  'ebs-volume',
  'ec2-security-group',
  's3-bucket',
  'iam-access-key',
  'iam-role',
  'iam-user',
  'rds-db-instance',
  'lambda-function',
  'eks-cluster',
  'aws-account',
  'arn',
] as const;
export const ResourceKindSchema = z.enum(RESOURCE_KINDS);
export type ResourceKind = z.infer<typeof ResourceKindSchema>;

/** A normalised resource key and the kind it starts with. */
export type ResourceKey = { kind: ResourceKind; key: string };

/** Builds a key from its kind and normalised id. */
export function resourceKey(kind: ResourceKind, id: string): ResourceKey {
  return { kind, key: `${kind}:${id}` };
}

/** The kind of a key (the text before the first `:`), or `undefined` for a malformed key. */
export function kindOfKey(key: string): ResourceKind | undefined {
  const parsed = ResourceKindSchema.safeParse(key.slice(0, key.indexOf(':')));
  return parsed.success ? parsed.data : undefined;
}

/** The id part of a key. */
export function idOfKey(key: string): string {
  return key.slice(key.indexOf(':') + 1);
}

/** Where a resource lives when its id does not say (GuardDuty names, bare ids). */
export type KeyScope = { accountId: string; region?: string | undefined; partition?: string | undefined };

/** `iam-role:<account>/<name>` from a role ARN (path dropped) or a bare name. */
export function roleKey(nameOrArn: string, scope: KeyScope): ResourceKey {
  const arn = parseArn(nameOrArn);
  if (arn !== undefined)
    return resourceKey('iam-role', `${arn.account || scope.accountId}/${lastSegment(arn.resource)}`);
  return resourceKey('iam-role', `${scope.accountId}/${lastSegment(nameOrArn)}`);
}

/** `iam-user:<account>/<name>` from a user ARN or a bare name. */
export function userKey(nameOrArn: string, scope: KeyScope): ResourceKey {
  const arn = parseArn(nameOrArn);
  if (arn !== undefined)
    return resourceKey('iam-user', `${arn.account || scope.accountId}/${lastSegment(arn.resource)}`);
  return resourceKey('iam-user', `${scope.accountId}/${lastSegment(nameOrArn)}`);
}

/** A regional name (`<account>/<region>/<name>`), for RDS instances, Lambda functions and EKS clusters. */
export function regionalKey(kind: ResourceKind, name: string, scope: KeyScope): ResourceKey {
  return resourceKey(kind, `${scope.accountId}/${scope.region ?? ''}/${name}`);
}

/**
 * The key of a principal given by its ARN: an assumed-role session counts as its role, a user as itself.
 * Root and federated principals have no correlatable key here.
 */
export function principalKey(principalArn: string, scope: KeyScope): ResourceKey | undefined {
  const arn = parseArn(principalArn);
  if (arn === undefined) return undefined;
  const account = arn.account || scope.accountId;
  if (arn.service === 'sts' && arn.resource.startsWith('assumed-role/')) {
    const role = arn.resource.split('/')[1];
    return role ? resourceKey('iam-role', `${account}/${role}`) : undefined;
  }
  if (arn.service !== 'iam') return undefined;
  if (arn.resource.startsWith('role/'))
    return resourceKey('iam-role', `${account}/${lastSegment(arn.resource)}`);
  if (arn.resource.startsWith('user/'))
    return resourceKey('iam-user', `${account}/${lastSegment(arn.resource)}`);
  return undefined;
}

/** Keys every ARN the correlator understands; other ARNs key as themselves (`arn:<arn>`). */
export function keyOfArn(text: string, scope: KeyScope): ResourceKey | undefined {
  const arn = parseArn(text);
  if (arn === undefined) return undefined;
  const resource = arn.resource;
  const local = { ...scope, accountId: arn.account || scope.accountId, region: arn.region || scope.region };
  switch (arn.service) {
    case 'ec2':
      if (resource.startsWith('instance/')) return resourceKey('ec2-instance', lastSegment(resource));
      if (resource.startsWith('volume/')) return resourceKey('ebs-volume', lastSegment(resource));
      if (resource.startsWith('security-group/'))
        return resourceKey('ec2-security-group', lastSegment(resource));
      break;
    case 's3':
      // Object ARNs (`bucket/key`) count for their bucket.
      if (resource !== '') return resourceKey('s3-bucket', resource.split('/')[0] ?? resource);
      break;
    case 'iam':
    case 'sts':
      return principalKey(text, local) ?? resourceKey('arn', text);
    case 'rds':
      if (resource.startsWith('db:')) return regionalKey('rds-db-instance', resource.slice(3), local);
      break;
    case 'lambda':
      if (resource.startsWith('function:')) {
        return regionalKey('lambda-function', resource.split(':')[1] ?? resource, local);
      }
      break;
    case 'eks':
      if (resource.startsWith('cluster/')) return regionalKey('eks-cluster', lastSegment(resource), local);
      break;
  }
  return resourceKey('arn', text);
}
