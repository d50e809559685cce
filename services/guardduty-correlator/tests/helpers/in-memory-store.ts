// In-memory fakes of the core's ports (STYLE §5: the pure core is tested with fakes of its deps).
import type { AsffFinding, CorrelatedFinding } from '@vigil/event-schema';
import type { AccountMetadata } from '../../src/core/account-metadata';
import type { CorrelationRecord } from '../../src/core/correlation-record';
import type {
  AccountDirectory,
  CorrelationPublisher,
  FindingSink,
  FindingStore,
  PutMode,
  ResourceItems,
  ResourceTombstone,
  StoredFinding,
} from '../../src/core/ports';

export class InMemoryFindingStore implements FindingStore {
  readonly findings = new Map<string, StoredFinding>();
  readonly correlations = new Map<string, CorrelationRecord>();
  readonly tombstones = new Map<string, ResourceTombstone>();
  reads = 0;
  writes = 0;

  async putFinding(finding: StoredFinding, mode: PutMode): Promise<'stored' | 'stale'> {
    this.writes += 1;
    const key = `${finding.resourceKey}|${finding.sortKey}`;
    const stored = this.findings.get(key);
    if (stored === undefined ? mode === 'update-if-newer' : stored.updatedAtMs >= finding.updatedAtMs)
      return 'stale';
    this.findings.set(key, structuredClone(finding));
    return 'stored';
  }

  async readResource(resourceKey: string): Promise<ResourceItems> {
    this.reads += 1;
    return {
      findings: [...this.findings.values()]
        .filter((finding) => finding.resourceKey === resourceKey)
        .map((finding) => structuredClone(finding)),
      correlations: [...this.correlations.values()]
        .filter((record) => record.resourceKey === resourceKey)
        .map((record) => structuredClone(record)),
      tombstone: this.tombstones.get(resourceKey),
    };
  }

  async createCorrelation(record: CorrelationRecord): Promise<boolean> {
    this.writes += 1;
    const key = `${record.resourceKey}|${record.sortKey}`;
    if (this.correlations.has(key)) return false;
    this.correlations.set(key, structuredClone(record));
    return true;
  }

  async updateCorrelation(record: CorrelationRecord, expectedVersion: number): Promise<boolean> {
    this.writes += 1;
    const key = `${record.resourceKey}|${record.sortKey}`;
    if (this.correlations.get(key)?.version !== expectedVersion) return false;
    this.correlations.set(key, structuredClone(record));
    return true;
  }

  async markImported(record: CorrelationRecord): Promise<void> {
    this.writes += 1;
    const stored = this.correlations.get(`${record.resourceKey}|${record.sortKey}`);
    if (stored && stored.version === record.version) stored.importedVersion = record.version;
  }

  async putTombstone(tombstone: ResourceTombstone): Promise<void> {
    this.writes += 1;
    this.tombstones.set(tombstone.resourceKey, tombstone);
  }
}

/** Records imports like Security Hub: an import of an existing Id + ProductArn replaces it. */
export class RecordingSink implements FindingSink {
  readonly calls: AsffFinding[][] = [];
  readonly findings = new Map<string, AsffFinding>();
  failNext: Error | undefined;

  async importFindings(findings: AsffFinding[]): Promise<void> {
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = undefined;
      throw error;
    }
    this.calls.push(findings);
    for (const finding of findings) this.findings.set(`${finding.ProductArn}|${finding.Id}`, finding);
  }
}

export class RecordingPublisher implements CorrelationPublisher {
  readonly published: CorrelatedFinding[] = [];
  async publish(detail: CorrelatedFinding): Promise<void> {
    this.published.push(detail);
  }
}

export class StaticAccounts implements AccountDirectory {
  constructor(
    private readonly accounts: Record<string, Omit<AccountMetadata, 'accountId' | 'isComplete'>> = {}
  ) {}
  async describe(accountId: string): Promise<AccountMetadata> {
    const known = this.accounts[accountId];
    return known ? { accountId, isComplete: true, ...known } : { accountId, tags: {}, isComplete: false };
  }
}
