import type { BackfillScope } from './backfill-scope';
import {
  CLOUDTRAIL_FOLDERS,
  type CloudTrailFolderKind,
  isAccountSegment,
  isOrgIdSegment,
  lastSegment,
} from './cloudtrail-key';

/** Lists the common prefixes right below `prefix` (ListObjectsV2 with `Delimiter: '/'`, every page). */
export interface PrefixLister {
  listPrefixes(bucket: string, prefix: string): Promise<string[]>;
}

/** One day folder of one account, region and kind: the unit the backfill lists, sends and checkpoints. */
export interface DayPrefix {
  prefix: string;
  account: string;
  orgId?: string | undefined;
  region: string;
  kind: CloudTrailFolderKind;
  /** `YYYY-MM-DD`. */
  day: string;
}

interface Span {
  start: number;
  end: number;
}

/**
 * The day prefixes of `scope`, in key order, found by walking the CloudTrail layout with delimiter
 * listings only where needed: `AWSLogs/` (and each `o-<org>/`) for accounts, `<account>/CloudTrail/` for
 * regions (skipped when `--regions` names them), then year → month → day folders, each level pruned to
 * [since, until]. Objects are never listed here, and nothing outside the chosen accounts, regions and days.
 */
export async function planDayPrefixes(scope: BackfillScope, lister: PrefixLister): Promise<DayPrefix[]> {
  const range: Span = {
    start: scope.since ?? Number.NEGATIVE_INFINITY,
    end: scope.until ?? Number.POSITIVE_INFINITY,
  };
  const accounts = await findAccounts(scope, lister);
  const days: DayPrefix[] = [];
  for (const account of accounts) {
    for (const kind of scope.kinds) {
      const folder = `${account.base}${CLOUDTRAIL_FOLDERS[kind]}/`;
      const regions =
        scope.regions === undefined
          ? (await lister.listPrefixes(scope.bucket, folder)).map(lastSegment)
          : [...scope.regions];
      for (const region of regions.sort()) {
        if (scope.regions !== undefined && !scope.regions.has(region)) continue;
        for (const day of await findDays(scope.bucket, `${folder}${region}/`, range, lister)) {
          days.push({ ...day, account: account.id, orgId: account.orgId, region, kind });
        }
      }
    }
  }
  return days.sort((a, b) => (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0));
}

async function findAccounts(
  scope: BackfillScope,
  lister: PrefixLister
): Promise<{ id: string; orgId?: string | undefined; base: string }[]> {
  const root = `${scope.prefix}AWSLogs/`;
  const found: { id: string; orgId?: string | undefined; base: string }[] = [];
  for (const child of await lister.listPrefixes(scope.bucket, root)) {
    const segment = lastSegment(child);
    if (isAccountSegment(segment)) {
      found.push({ id: segment, base: child });
    } else if (isOrgIdSegment(segment)) {
      // Organization trails add one level: AWSLogs/o-<org>/<account>/.
      for (const member of await lister.listPrefixes(scope.bucket, child)) {
        const id = lastSegment(member);
        if (isAccountSegment(id)) found.push({ id, orgId: segment, base: member });
      }
    }
  }
  return found.filter((account) => scope.accounts === undefined || scope.accounts.has(account.id));
}

async function findDays(
  bucket: string,
  regionPrefix: string,
  range: Span,
  lister: PrefixLister
): Promise<{ prefix: string; day: string }[]> {
  const days: { prefix: string; day: string }[] = [];
  for (const yearPrefix of await lister.listPrefixes(bucket, regionPrefix)) {
    const year = Number(lastSegment(yearPrefix));
    if (!/^\d{4}$/.test(lastSegment(yearPrefix)) || !overlaps(yearSpan(year), range)) continue;
    for (const monthPrefix of await lister.listPrefixes(bucket, yearPrefix)) {
      const month = Number(lastSegment(monthPrefix));
      if (!/^\d{2}$/.test(lastSegment(monthPrefix)) || !overlaps(monthSpan(year, month), range)) continue;
      for (const dayPrefix of await lister.listPrefixes(bucket, monthPrefix)) {
        const day = Number(lastSegment(dayPrefix));
        if (!/^\d{2}$/.test(lastSegment(dayPrefix)) || !overlaps(daySpan(year, month, day), range)) continue;
        days.push({ prefix: dayPrefix, day: `${year}-${pad(month)}-${pad(day)}` });
      }
    }
  }
  return days;
}

const yearSpan = (year: number): Span => ({ start: Date.UTC(year, 0, 1), end: Date.UTC(year + 1, 0, 1) - 1 });
const monthSpan = (year: number, month: number): Span => ({
  start: Date.UTC(year, month - 1, 1),
  end: Date.UTC(year, month, 1) - 1,
});
const daySpan = (year: number, month: number, day: number): Span => ({
  start: Date.UTC(year, month - 1, day),
  end: Date.UTC(year, month - 1, day + 1) - 1,
});

function overlaps(span: Span, range: Span): boolean {
  return span.start <= range.end && span.end >= range.start;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
