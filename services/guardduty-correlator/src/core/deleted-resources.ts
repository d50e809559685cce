import type { CloudTrailEventRecord } from '@vigil/event-schema';
import { parseArn } from './arn';
import { readArray, readString } from './read-path';
import {
  type KeyScope,
  keyOfArn,
  type ResourceKey,
  regionalKey,
  resourceKey,
  roleKey,
  userKey,
} from './resource-key';

type Extractor = (parameters: unknown, response: unknown, scope: KeyScope) => ResourceKey[];

const single =
  (build: (id: string, scope: KeyScope) => ResourceKey | undefined, ...path: string[]): Extractor =>
  (parameters, _response, scope) => {
    const id = readString(parameters, ...path);
    const key = id === undefined ? undefined : build(id, scope);
    return key === undefined ? [] : [key];
  };

const byArnOr =
  (kind: Parameters<typeof regionalKey>[0]) =>
  (nameOrArn: string, scope: KeyScope): ResourceKey | undefined =>
    parseArn(nameOrArn) ? keyOfArn(nameOrArn, scope) : regionalKey(kind, nameOrArn, scope);

/**
 * The CloudTrail delete/terminate calls whose resources stop existing, by event source and name, and how to
 * read the resource from the request. `serverless.yml`'s rule pattern is checked against this table.
 */
export const DELETION_EVENTS: Record<string, Record<string, Extractor>> = {
  'ec2.amazonaws.com': {
    TerminateInstances: (parameters, response) => {
      const ids = new Set<string>();
      for (const item of [
        ...readArray(parameters, 'instancesSet', 'items'),
        ...readArray(response, 'instancesSet', 'items'),
      ]) {
        const id = readString(item, 'instanceId');
        if (id) ids.add(id);
      }
      return [...ids].map((id) => resourceKey('ec2-instance', id));
    },
    DeleteVolume: single((id) => resourceKey('ebs-volume', id), 'volumeId'),
    DeleteSecurityGroup: single((id) => resourceKey('ec2-security-group', id), 'groupId'),
  },
  's3.amazonaws.com': {
    DeleteBucket: single((name) => resourceKey('s3-bucket', name), 'bucketName'),
  },
  'iam.amazonaws.com': {
    DeleteRole: single(roleKey, 'roleName'),
    DeleteUser: single(userKey, 'userName'),
    DeleteAccessKey: single((id) => resourceKey('iam-access-key', id), 'accessKeyId'),
  },
  'rds.amazonaws.com': {
    DeleteDBInstance: single(byArnOr('rds-db-instance'), 'dBInstanceIdentifier'),
  },
  'lambda.amazonaws.com': {
    DeleteFunction20150331: single(byArnOr('lambda-function'), 'functionName'),
    DeleteFunction: single(byArnOr('lambda-function'), 'functionName'),
  },
  'eks.amazonaws.com': {
    DeleteCluster: single(byArnOr('eks-cluster'), 'name'),
  },
};

/** Event names per source, for the EventBridge rule. */
export function deletionEventNames(): { eventSource: string; eventNames: string[] }[] {
  return Object.entries(DELETION_EVENTS).map(([eventSource, names]) => ({
    eventSource,
    eventNames: Object.keys(names),
  }));
}

/**
 * The resource keys a successful delete/terminate call removed; none for failed calls (an `errorCode`:
 * the resource still exists) and for calls the table does not know.
 *
 * @example deletedResourceKeys(terminateInstancesRecord) // [{ kind: 'ec2-instance', key: 'ec2-instance:i-0abc' }]
 */
export function deletedResourceKeys(record: CloudTrailEventRecord): ResourceKey[] {
  if (record.errorCode) return [];
  const extract = DELETION_EVENTS[record.eventSource]?.[record.eventName];
  if (extract === undefined) return [];
  const scope: KeyScope = { accountId: record.recipientAccountId, region: record.awsRegion };
  const keys = extract(record.requestParameters ?? undefined, record.responseElements, scope);
  return [...new Map(keys.map((key) => [key.key, key])).values()];
}
