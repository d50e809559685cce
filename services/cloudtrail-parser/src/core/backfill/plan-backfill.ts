import type { BackfillCheckpoint } from './backfill-checkpoint';
import type { BackfillObject } from './backfill-message';
import type { BackfillScope } from './backfill-scope';
import { parseCloudTrailKey } from './cloudtrail-key';
import { type DayPrefix, type PrefixLister, planDayPrefixes } from './plan-day-prefixes';

/** Lists a bucket: common prefixes (planning) and the objects of one day prefix, page by page, in key order. */
export interface BackfillLister extends PrefixLister {
  listObjects(
    bucket: string,
    prefix: string,
    startAfter?: string | undefined
  ): AsyncIterable<BackfillObject[]>;
}

/** What a backfill will send (what is left of it, when resuming from a checkpoint). */
export interface BackfillPlan {
  days: DayPrefix[];
  objects: number;
  bytes: number;
  /** Objects in the day folders left out by the time bounds or an unknown name. */
  skipped: number;
  /** Day prefixes a checkpoint marks done. */
  completeDays: number;
  /** Totals per account and region, for the printed plan. */
  byAccountRegion: { account: string; region: string; days: number; objects: number; bytes: number }[];
}

/**
 * Whether an object of a day folder belongs to the backfill: a CloudTrail name whose delivery time (in the
 * file name) is within [since, until]. The day folders were already pruned to the range; this trims the ends.
 */
export function isInScope(scope: BackfillScope, key: string): boolean {
  const parsed = parseCloudTrailKey(key);
  if (parsed === undefined || !scope.kinds.includes(parsed.kind)) return false;
  const at = parsed.deliveredAt;
  if (at === undefined) return true;
  return (scope.since === undefined || at >= scope.since) && (scope.until === undefined || at <= scope.until);
}

/**
 * Plans a backfill: the day prefixes of the scope, then one listing of each (from its checkpointed key on)
 * to count the objects and bytes still to send, so progress can show an ETA and `--dry-run` the cost.
 */
export async function planBackfill(
  scope: BackfillScope,
  deps: { lister: BackfillLister; checkpoint: BackfillCheckpoint }
): Promise<BackfillPlan> {
  const { lister, checkpoint } = deps;
  const days = await planDayPrefixes(scope, lister);
  const plan: BackfillPlan = { days, objects: 0, bytes: 0, skipped: 0, completeDays: 0, byAccountRegion: [] };
  const groups = new Map<string, BackfillPlan['byAccountRegion'][number]>();
  for (const day of days) {
    const id = `${day.account}/${day.region}`;
    const group = groups.get(id) ?? {
      account: day.account,
      region: day.region,
      days: 0,
      objects: 0,
      bytes: 0,
    };
    groups.set(id, group);
    group.days++;
    if (checkpoint.isComplete(day.prefix)) {
      plan.completeDays++;
      continue;
    }
    for await (const page of lister.listObjects(
      scope.bucket,
      day.prefix,
      checkpoint.startAfter(day.prefix)
    )) {
      for (const object of page) {
        if (!isInScope(scope, object.key)) plan.skipped++;
        else if (!checkpoint.wasSent(day.prefix, object.key)) {
          plan.objects++;
          plan.bytes += object.size;
          group.objects++;
          group.bytes += object.size;
        }
      }
    }
  }
  plan.byAccountRegion = [...groups.values()];
  return plan;
}
