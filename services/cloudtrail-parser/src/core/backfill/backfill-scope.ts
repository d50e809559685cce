import type { CloudTrailFolderKind } from './cloudtrail-key';
import { InvalidBackfillOptionError } from './errors';

/** What to backfill: where the trail writes, and which part of it. */
export interface BackfillScope {
  bucket: string;
  /** Key prefix before `AWSLogs/`: `''` or ending with `/`. */
  prefix: string;
  /** Inclusive bounds, epoch ms; undefined = unbounded. */
  since?: number | undefined;
  until?: number | undefined;
  /** Only these accounts / regions; undefined = all found. */
  accounts?: ReadonlySet<string> | undefined;
  regions?: ReadonlySet<string> | undefined;
  /** Folders to read: `log` always; `insight` and `digest` only when asked. */
  kinds: CloudTrailFolderKind[];
}

const DAY_MS = 86_400_000;

/** `s3://bucket/prefix` → bucket and normalised prefix (with a trailing slash, or empty; `AWSLogs/` dropped). */
export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url.trim());
  if (match === null)
    throw new InvalidBackfillOptionError('target', `expected s3://<bucket>/<prefix>, got "${url}"`);
  let prefix = match[2] ?? '';
  // Users often paste the trail's whole path: the planner lists from `AWSLogs/` itself.
  prefix = prefix.replace(/(^|\/)AWSLogs(\/.*)?$/, '$1');
  if (prefix !== '' && !prefix.endsWith('/')) prefix = `${prefix}/`;
  return { bucket: match[1] ?? '', prefix };
}

/**
 * A `--since`/`--until` value: a date (`2024-05-01`, the whole day: start of day for `since`, end of day
 * for `until`) or an ISO date-time with `Z` or an offset. Returns epoch ms.
 */
export function parseDateBound(value: string, bound: 'since' | 'until'): number {
  const text = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const start = Date.parse(`${text}T00:00:00Z`);
    if (Number.isNaN(start)) throw new InvalidBackfillOptionError(`--${bound}`, `not a date: "${value}"`);
    return bound === 'since' ? start : start + DAY_MS - 1;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    throw new InvalidBackfillOptionError(
      `--${bound}`,
      `expected YYYY-MM-DD or an ISO date-time with a zone (2024-05-01T12:00Z), got "${value}"`
    );
  }
  const time = Date.parse(text);
  if (Number.isNaN(time)) throw new InvalidBackfillOptionError(`--${bound}`, `not a date-time: "${value}"`);
  return time;
}

/** `--rate`: objects per second, written `50`, `50/s`, `3000/m` or `100000/h`. */
export function parseRate(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*([smh]))?\s*$/.exec(value);
  const amount = Number(match?.[1]);
  if (match === null || !(amount > 0)) {
    throw new InvalidBackfillOptionError(
      '--rate',
      `expected objects per second such as 50/s or 3000/m, got "${value}"`
    );
  }
  const per = match[2] === 'h' ? 3600 : match[2] === 'm' ? 60 : 1;
  return amount / per;
}

/** A comma-separated or repeated list option, trimmed, without empties and duplicates. */
export function parseList(values: readonly string[]): string[] {
  return [...new Set(values.flatMap((value) => value.split(',')).map((item) => item.trim()))].filter(Boolean);
}

/** Validates the account ids of `--accounts` (12 digits each). */
export function parseAccounts(values: readonly string[]): Set<string> | undefined {
  const accounts = parseList(values);
  const bad = accounts.find((account) => !/^\d{12}$/.test(account));
  if (bad !== undefined)
    throw new InvalidBackfillOptionError('--accounts', `not a 12-digit account id: "${bad}"`);
  return accounts.length === 0 ? undefined : new Set(accounts);
}

/** Validates the regions of `--regions` (`us-east-1` style). */
export function parseRegions(values: readonly string[]): Set<string> | undefined {
  const regions = parseList(values);
  const bad = regions.find((region) => !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region));
  if (bad !== undefined) throw new InvalidBackfillOptionError('--regions', `not a region name: "${bad}"`);
  return regions.length === 0 ? undefined : new Set(regions);
}

/** Checks the bounds are in order. */
export function checkRange(since: number | undefined, until: number | undefined): void {
  if (since !== undefined && until !== undefined && since > until) {
    throw new InvalidBackfillOptionError('--since', 'is after --until');
  }
}
