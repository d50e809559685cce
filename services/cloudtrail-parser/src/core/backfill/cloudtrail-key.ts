/** The folders CloudTrail writes under `AWSLogs/[o-org/]<account>/`: log files, Insights files, digests. */
export const CLOUDTRAIL_FOLDERS = {
  log: 'CloudTrail',
  insight: 'CloudTrail-Insight',
  digest: 'CloudTrail-Digest',
} as const;
export type CloudTrailFolderKind = keyof typeof CLOUDTRAIL_FOLDERS;

/** One CloudTrail object key, taken apart. */
export interface CloudTrailKey {
  /** Everything before `AWSLogs/` (with its trailing slash), `''` for none. */
  prefix: string;
  orgId?: string | undefined;
  account: string;
  kind: CloudTrailFolderKind;
  region: string;
  /** `YYYY-MM-DD` of the folder. */
  day: string;
  /** Delivery time in the file name (`_YYYYMMDDTHHmmZ_`), epoch ms; undefined when the name lacks it. */
  deliveredAt?: number | undefined;
}

const KEY_PATTERN =
  /^(?<prefix>(?:.*\/)?)AWSLogs\/(?:(?<org>o-[a-z0-9]{10,32})\/)?(?<account>\d{12})\/(?<folder>CloudTrail(?:-Insight|-Digest)?)\/(?<region>[a-z0-9-]+)\/(?<year>\d{4})\/(?<month>\d{2})\/(?<dayOfMonth>\d{2})\/(?<file>[^/]+)$/;
const FILE_TIME = /_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z_/;
const FOLDER_KIND: Record<string, CloudTrailFolderKind> = {
  CloudTrail: 'log',
  'CloudTrail-Insight': 'insight',
  'CloudTrail-Digest': 'digest',
};

/**
 * Parses a key of the CloudTrail layout
 * `[prefix/]AWSLogs/[o-orgid/]<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<id>.json.gz`;
 * undefined for any other key.
 */
export function parseCloudTrailKey(key: string): CloudTrailKey | undefined {
  const groups = KEY_PATTERN.exec(key)?.groups;
  if (groups === undefined) return undefined;
  const {
    prefix = '',
    org,
    account = '',
    folder = '',
    region = '',
    year,
    month,
    dayOfMonth,
    file = '',
  } = groups;
  const parsed: CloudTrailKey = {
    prefix,
    account,
    kind: FOLDER_KIND[folder] ?? 'log',
    region,
    day: `${year}-${month}-${dayOfMonth}`,
  };
  if (org !== undefined) parsed.orgId = org;
  const time = FILE_TIME.exec(file);
  if (time !== null) {
    const [, y, mo, d, h, mi] = time.map(Number);
    parsed.deliveredAt = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0);
  }
  return parsed;
}

/** Whether a path segment (common prefix without its slash) is an organization id folder. */
export function isOrgIdSegment(segment: string): boolean {
  return /^o-[a-z0-9]{10,32}$/.test(segment);
}

/** Whether a path segment is a 12-digit account id folder. */
export function isAccountSegment(segment: string): boolean {
  return /^\d{12}$/.test(segment);
}

/** The last segment of a common prefix (`a/b/c/` → `c`). */
export function lastSegment(commonPrefix: string): string {
  const trimmed = commonPrefix.endsWith('/') ? commonPrefix.slice(0, -1) : commonPrefix;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}
