import { bucketsBetween } from '../../src/core/bucket';
import type { JobKey, JobRecord } from '../../src/core/job-record';
import type {
  CreateJobResult,
  DueJobStore,
  DueJobsPage,
  JobRepository,
  OccurrenceAdvance,
} from '../../src/core/job-store';
import { dueSortKeyBound } from '../../src/core/sort-key';

const id = (key: JobKey) => `${key.pk}|${key.sk}`;

/** An in-memory jobs table for core tests: same ordering and paging contract as the DynamoDB adapter. */
export class InMemoryJobStore implements DueJobStore, JobRepository {
  readonly items = new Map<string, JobRecord>();
  readonly calls: string[] = [];
  /** Throws this error from the next `queryDue` call. */
  failNextQuery: Error | undefined;

  constructor(private readonly pageSize = 100) {}

  put(record: JobRecord): void {
    this.items.set(id(record), record);
  }

  all(): JobRecord[] {
    return [...this.items.values()].sort((a, b) => (a.pk + a.sk < b.pk + b.sk ? -1 : 1));
  }

  async queryDue(bucket: string, dueBy: Date, cursor?: string): Promise<DueJobsPage> {
    this.calls.push(`query ${bucket}`);
    if (this.failNextQuery !== undefined) {
      const error = this.failNextQuery;
      this.failNextQuery = undefined;
      throw error;
    }
    const bound = dueSortKeyBound(dueBy);
    const due = [...this.items.values()]
      .filter((job) => job.pk === bucket && job.sk <= bound && (cursor === undefined || job.sk > cursor))
      .sort((a, b) => (a.sk < b.sk ? -1 : 1));
    const jobs = due.slice(0, this.pageSize);
    const last = jobs.at(-1);
    return { jobs, cursor: due.length > this.pageSize && last !== undefined ? last.sk : undefined };
  }

  async deleteJobs(keys: readonly JobKey[]): Promise<void> {
    this.calls.push(`delete ${keys.length}`);
    for (const key of keys) this.items.delete(id(key));
  }

  async advanceOccurrences(advances: readonly OccurrenceAdvance[]): Promise<{ cancelled: JobKey[] }> {
    this.calls.push(`advance ${advances.length}`);
    const cancelled: JobKey[] = [];
    for (const advance of advances) {
      if (!this.items.delete(id(advance.current))) {
        cancelled.push(advance.current);
        continue;
      }
      if (advance.next !== undefined) this.put(advance.next);
    }
    return { cancelled };
  }

  async recordFailedAttempt(key: JobKey, attempts: number, lastError: string): Promise<void> {
    const job = this.items.get(id(key));
    if (job !== undefined) this.items.set(id(key), { ...job, attempts, lastError });
  }

  async create(record: JobRecord): Promise<CreateJobResult> {
    const existing = await this.findById(record.jobId);
    if (existing !== undefined) return { created: false, record: existing };
    this.put(record);
    return { created: true, record };
  }

  async findById(jobId: string): Promise<JobRecord | undefined> {
    return [...this.items.values()].find((job) => job.jobId === jobId);
  }

  async remove(record: JobRecord): Promise<boolean> {
    return this.items.delete(id(record));
  }

  async listBetween(from: Date, to: Date, limit: number): Promise<JobRecord[]> {
    const keys = new Set(bucketsBetween(from, to).map((bucket) => bucket.key));
    return this.all()
      .filter((job) => keys.has(job.pk) && job.fireAt >= from.toISOString() && job.fireAt <= to.toISOString())
      .slice(0, limit);
  }
}
