import { randomUUID } from 'node:crypto';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import type { S3Change } from '../fauxqs/start-fauxqs';

/** A bucket's notification configuration, in PutBucketNotificationConfiguration's shape. */
export interface BucketNotificationConfiguration {
  QueueConfigurations?: NotificationTarget<'QueueArn'>[] | undefined;
  TopicConfigurations?: NotificationTarget<'TopicArn'>[] | undefined;
  LambdaFunctionConfigurations?: NotificationTarget<'LambdaFunctionArn'>[] | undefined;
  /** Present (even empty) when the bucket sends events to EventBridge. */
  EventBridgeConfiguration?: Record<string, never> | undefined;
}

type NotificationTarget<K extends string> = {
  Id?: string | undefined;
  Events: string[];
  Filter?: KeyFilter | undefined;
} & {
  [key in K]: string;
};
interface KeyFilter {
  Key?: { FilterRules?: { Name?: string | undefined; Value?: string | undefined }[] | undefined } | undefined;
}

/** Where one S3 change must go. */
export interface S3Dispatch {
  kind: 'queue' | 'topic' | 'lambda' | 'eventbridge';
  arn: string;
  configurationId: string;
}

function eventNameOf(change: S3Change): string {
  return change.status === 'uploaded' ? 'ObjectCreated:Put' : 'ObjectRemoved:Delete';
}

function matchesEvent(events: string[], eventName: string): boolean {
  return events.some((event) => {
    const wanted = event.replace(/^s3:/, '');
    return wanted === eventName || (wanted.endsWith(':*') && eventName.startsWith(wanted.slice(0, -1)));
  });
}

function matchesFilter(filter: KeyFilter | undefined, key: string): boolean {
  return (filter?.Key?.FilterRules ?? []).every((rule) => {
    const value = rule.Value ?? '';
    return rule.Name?.toLowerCase() === 'prefix' ? key.startsWith(value) : key.endsWith(value);
  });
}

/**
 * The destinations a change goes to under `config` (event type and key prefix/suffix filters applied).
 *
 * @example
 * dispatchesFor(config, { bucket: 'b', key: 'in/a.json', status: 'uploaded' })
 */
export function dispatchesFor(
  config: BucketNotificationConfiguration,
  change: Pick<S3Change, 'key' | 'status'>
): S3Dispatch[] {
  const eventName = eventNameOf({ ...change, type: 's3', bucket: '', at: 0 });
  const pick = <K extends string>(
    kind: S3Dispatch['kind'],
    entries: NotificationTarget<K>[] | undefined,
    field: K
  ) =>
    (entries ?? [])
      .filter((entry) => matchesEvent(entry.Events, eventName) && matchesFilter(entry.Filter, change.key))
      .map((entry) => ({ kind, arn: entry[field], configurationId: entry.Id ?? randomUUID() }));
  return [
    ...pick('queue', config.QueueConfigurations, 'QueueArn'),
    ...pick('topic', config.TopicConfigurations, 'TopicArn'),
    ...pick('lambda', config.LambdaFunctionConfigurations, 'LambdaFunctionArn'),
    ...(config.EventBridgeConfiguration === undefined
      ? []
      : [{ kind: 'eventbridge' as const, arn: 'default', configurationId: '' }]),
  ];
}

/** Object facts a notification carries (from HeadObject; absent for deletions). */
export interface ObjectFacts {
  size?: number | undefined;
  eTag?: string | undefined;
  versionId?: string | undefined;
  sequencer: string;
}

/** Reads size and ETag of a just-written object. */
export async function readObjectFacts(
  s3: import('@aws-sdk/client-s3').S3Client,
  change: S3Change,
  sequencer: string
): Promise<ObjectFacts> {
  if (change.status !== 'uploaded') return { sequencer };
  const head = await s3.send(new HeadObjectCommand({ Bucket: change.bucket, Key: change.key }));
  return {
    size: head.ContentLength ?? 0,
    eTag: head.ETag?.replace(/"/g, ''),
    versionId: head.VersionId,
    sequencer,
  };
}

/** S3's URL-encoding of keys in notification records (spaces as `+`). */
function encodeKey(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');
}

/**
 * The S3 event notification (`{ Records: [...] }`, eventVersion 2.1) SQS, SNS and Lambda receive.
 *
 * @example
 * s3NotificationEvent(change, facts, { region, configurationId: 'uploads' })
 */
export function s3NotificationEvent(
  change: S3Change,
  facts: ObjectFacts,
  options: { region: string; configurationId: string }
): { Records: Record<string, unknown>[] } {
  const object = {
    key: encodeKey(change.key),
    ...(facts.size === undefined ? {} : { size: facts.size }),
    ...(facts.eTag === undefined ? {} : { eTag: facts.eTag }),
    ...(facts.versionId === undefined ? {} : { versionId: facts.versionId }),
    sequencer: facts.sequencer,
  };
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: options.region,
        eventTime: new Date(change.at).toISOString(),
        eventName: eventNameOf(change),
        userIdentity: { principalId: 'AWS:LOCALCLOUD' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: {
          'x-amz-request-id': randomUUID().slice(0, 16).toUpperCase(),
          'x-amz-id-2': randomUUID(),
        },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: options.configurationId,
          bucket: {
            name: change.bucket,
            ownerIdentity: { principalId: 'LOCALCLOUD' },
            arn: `arn:aws:s3:::${change.bucket}`,
          },
          object,
        },
      },
    ],
  };
}

/** The EventBridge `Object Created` / `Object Deleted` entry S3 sends when EventBridge is enabled. */
export function s3EventBridgeEntry(change: S3Change, facts: ObjectFacts, accountId: string) {
  const isCreated = change.status === 'uploaded';
  const detail = {
    version: '0',
    bucket: { name: change.bucket },
    object: {
      key: change.key,
      ...(facts.size === undefined ? {} : { size: facts.size }),
      ...(facts.eTag === undefined ? {} : { etag: facts.eTag }),
      ...(facts.versionId === undefined ? {} : { 'version-id': facts.versionId }),
      sequencer: facts.sequencer,
    },
    'request-id': randomUUID().slice(0, 16).toUpperCase(),
    requester: accountId,
    'source-ip-address': '127.0.0.1',
    reason: isCreated ? 'PutObject' : 'DeleteObject',
    ...(isCreated ? {} : { 'deletion-type': 'Permanently Deleted' }),
  };
  return {
    Source: 'aws.s3',
    DetailType: isCreated ? 'Object Created' : 'Object Deleted',
    Detail: JSON.stringify(detail),
    Resources: [`arn:aws:s3:::${change.bucket}`],
    Time: new Date(change.at),
  };
}
