/** What a log file is, from its key: CloudTrail writes each kind under its own folder. */
export type LogObjectKind = 'log' | 'insight' | 'digest';

/** One S3 object a trigger announced, with what the trigger told about it. */
export interface LogObjectRef {
  bucket: string;
  /** The decoded object key (as `GetObject` wants it). */
  key: string;
  versionId?: string | undefined;
  etag?: string | undefined;
  size?: number | undefined;
  kind: LogObjectKind;
  /** Announced by `vigil backfill` (past logs): its alerts are marked `backfill` and may go to their own topic. */
  isBackfill?: boolean | undefined;
}

const DIGEST_FOLDER = /(^|\/)CloudTrail-Digest\//;
const INSIGHT_FOLDER = /(^|\/)CloudTrail-Insight\//;

/**
 * The kind of a CloudTrail object from its key: `…/CloudTrail-Digest/…` are digest files (no records),
 * `…/CloudTrail-Insight/…` Insights files, anything else a log file.
 */
export function classifyLogObjectKey(key: string): LogObjectKind {
  if (DIGEST_FOLDER.test(key)) return 'digest';
  if (INSIGHT_FOLDER.test(key)) return 'insight';
  return 'log';
}

/**
 * The idempotency key of one object version: `bucket/key/versionId`, else `bucket/key/etag`, else
 * `bucket/key` (CloudTrail never rewrites a log object, so the key alone still names one content).
 */
export function logObjectIdentity(ref: Pick<LogObjectRef, 'bucket' | 'key' | 'versionId' | 'etag'>): string {
  const version = ref.versionId ?? ref.etag;
  return version === undefined ? `${ref.bucket}/${ref.key}` : `${ref.bucket}/${ref.key}/${version}`;
}
