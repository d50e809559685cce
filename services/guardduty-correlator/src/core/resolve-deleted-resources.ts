import type { CloudTrailEventRecord } from '@vigil/event-schema';
import { deletedResourceKeys } from './deleted-resources';
import { asffIdsOfKey } from './key-resource';
import { parseTimestamp } from './parse-timestamp';
import type { CorrelatorMetrics, FindingResolver, FindingStore } from './ports';
import { defaultProductArn } from './vigil-alert-to-asff';

export type ResolveDeps = {
  store: Pick<FindingStore, 'readResource' | 'putTombstone'>;
  resolver: FindingResolver;
  /** Vigil's own account and Region (its correlated findings are in the default product there). */
  product: { accountId: string; region: string; partition: string };
  metrics?: CorrelatorMetrics | undefined;
};

export type ResolveOutcome = { resourceKeys: string[]; candidates: number; resolved: number };

/** Who Security Hub shows as the author of the resolution note (the seed's filter uses it). */
export const RESOLVER_NAME = 'vigil-deleted-resource-resolver';

/**
 * Auto-resolve (seed: "resolve findings for resources that no longer exist"): a successful delete or
 * terminate call marks each deleted resource with a tombstone (its stored findings stop counting: the
 * matcher ignores findings last seen before the deletion), then sets every open Security Hub finding of the
 * resource to RESOLVED with a note. Open findings are what Security Hub returns for the resource's ids (NEW or
 * NOTIFIED, ACTIVE) plus what the table stored for it, the correlator's own correlated findings included.
 * Idempotent: a redelivery resolves nothing new.
 */
export async function resolveDeletedResources(
  record: CloudTrailEventRecord,
  deps: ResolveDeps
): Promise<ResolveOutcome> {
  const keys = deletedResourceKeys(record);
  const outcome: ResolveOutcome = { resourceKeys: keys.map((key) => key.key), candidates: 0, resolved: 0 };
  if (keys.length === 0) return outcome;
  const deletedAtMs = parseTimestamp(record.eventTime) ?? Date.parse(record.eventTime);
  const scope = {
    accountId: record.recipientAccountId,
    region: record.awsRegion,
    partition: deps.product.partition,
  };
  const ownProduct = defaultProductArn(deps.product.region, deps.product.accountId, deps.product.partition);
  const findings = new Map<string, { Id: string; ProductArn: string }>();
  const add = (Id: string, ProductArn: string) =>
    findings.set(`${ProductArn}\u0000${Id}`, { Id, ProductArn });
  for (const { key } of keys) {
    await deps.store.putTombstone({
      resourceKey: key,
      deletedAtMs,
      eventName: record.eventName,
      eventId: record.eventID,
    });
    const items = await deps.store.readResource(key);
    const resourceIds = new Set(asffIdsOfKey(key, scope));
    for (const finding of items.findings) {
      resourceIds.add(finding.resource.id);
      if (finding.isLive) add(finding.findingId, finding.productArn);
    }
    for (const correlation of items.correlations) add(correlation.correlationId, ownProduct);
    for (const open of await deps.resolver.findOpenFindings([...resourceIds])) add(open.Id, open.ProductArn);
  }
  outcome.candidates = findings.size;
  if (findings.size === 0) return outcome;
  outcome.resolved = await deps.resolver.resolveFindings([...findings.values()], resolutionNote(record));
  deps.metrics?.count('FindingsAutoResolved', outcome.resolved);
  return outcome;
}

function resolutionNote(record: CloudTrailEventRecord): string {
  const actor = record.userIdentity.arn ?? record.userIdentity.principalId ?? 'an unknown principal';
  const note = `Resource deleted: ${record.eventName} by ${actor} at ${record.eventTime} (CloudTrail event ${record.eventID}). Resolved automatically by Vigil.`;
  return note.length <= 512 ? note : `${note.slice(0, 511)}…`;
}
