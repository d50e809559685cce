import type { AsffFinding, CorrelatedFinding } from '@vigil/event-schema';
import type { AccountMetadata } from './account-metadata';
import type { CorrelationRecord } from './correlation-record';
import type { NormalisedFinding } from './normalised-finding';

// The interfaces the core needs from the outside world; adapters implement them over AWS.

/** A finding as stored under one of its resources. */
export type StoredFinding = Omit<NormalisedFinding, 'resources'> & {
  resourceKey: string;
  /** The ASFF resource that gave this key. */
  resource: { type: string; id: string; partition?: string | undefined; region?: string | undefined };
};

/** Written when a resource is deleted: findings last seen before it stop counting. */
export type ResourceTombstone = {
  resourceKey: string;
  deletedAtMs: number;
  eventName: string;
  eventId: string;
};

/** Everything stored under one resource key (one query). */
export type ResourceItems = {
  findings: StoredFinding[];
  correlations: CorrelationRecord[];
  tombstone?: ResourceTombstone | undefined;
};

/** How a finding write must be conditioned. */
export type PutMode = 'upsert-if-newer' | 'update-if-newer';

/** The findings table. */
export interface FindingStore {
  /**
   * Writes the finding unless the stored copy has the same or a newer `UpdatedAt` (`'stale'`).
   * `update-if-newer` only replaces an existing item (never creates one).
   */
  putFinding(finding: StoredFinding, mode: PutMode): Promise<'stored' | 'stale'>;
  /** All items of one resource key, read in one (paginated) strongly consistent query. */
  readResource(resourceKey: string): Promise<ResourceItems>;
  /** Creates the correlation record; false when it already exists (another run made it). */
  createCorrelation(record: CorrelationRecord): Promise<boolean>;
  /** Replaces the record if its stored version is `expectedVersion`; false when it changed meanwhile. */
  updateCorrelation(record: CorrelationRecord, expectedVersion: number): Promise<boolean>;
  /** Records that Security Hub received `version` of the correlation. */
  markImported(record: CorrelationRecord): Promise<void>;
  putTombstone(tombstone: ResourceTombstone): Promise<void>;
}

/** Security Hub. */
export interface FindingSink {
  /** Imports findings (batched, rate-limited); throws when any is refused. */
  importFindings(findings: AsffFinding[]): Promise<void>;
}

/** Security Hub, for auto-resolve. */
export interface FindingResolver {
  /** Active, unresolved findings whose resource id is one of `resourceIds`. */
  findOpenFindings(resourceIds: string[]): Promise<{ Id: string; ProductArn: string }[]>;
  /** Sets the findings to RESOLVED with a note; returns how many Security Hub updated. */
  resolveFindings(findings: { Id: string; ProductArn: string }[], note: string): Promise<number>;
}

/** AWS Organizations (cached); never throws: degraded metadata on access errors. */
export interface AccountDirectory {
  describe(accountId: string): Promise<AccountMetadata>;
}

/** The bus and the alert topic. */
export interface CorrelationPublisher {
  publish(detail: CorrelatedFinding): Promise<void>;
}

/** What the correlator counts (CloudWatch metrics in Lambda). */
export interface CorrelatorMetrics {
  count(name: string, value?: number): void;
}
