import type { ScheduleJobRequest } from '@vigil/event-schema';
import { buildJobRecord } from '../../src/core/build-job-record';
import type { JobRecord } from '../../src/core/job-record';

/** A job record due at `dueAt`, scheduled at `scheduledAt` (default: an hour before). */
export function jobRecord(
  jobId: string,
  dueAt: string,
  extra: Partial<ScheduleJobRequest> = {},
  scheduledAt?: string
): JobRecord {
  const now = new Date(scheduledAt ?? new Date(Date.parse(dueAt) - 3_600_000).toISOString());
  return buildJobRecord(
    { jobId, dueAt, detailType: 'Test Job', source: 'vigil.test', detail: { n: jobId }, ...extra },
    { now, generateId: () => 'generated' }
  );
}
