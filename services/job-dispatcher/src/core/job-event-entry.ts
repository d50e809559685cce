import { type PutEventsEntry, SCHEMA_VERSION, type VigilJobMetadata } from '@vigil/event-schema';
import type { JobRecord } from './job-record';

/**
 * The PutEvents entry of a due job: its own source and detail-type, its detail plus `vigilJob` (so consumers
 * can de-duplicate on `jobId` + `dueAt`: delivery is at least once), to its bus or the stage's bus.
 */
export function jobEventEntry(
  record: JobRecord,
  context: { dispatchedAt: Date; defaultBus: string }
): PutEventsEntry {
  const vigilJob: VigilJobMetadata = {
    schemaVersion: SCHEMA_VERSION,
    jobId: record.jobId,
    dueAt: record.dueAt,
    dispatchedAt: context.dispatchedAt.toISOString(),
    attempt: record.attempts + 1,
    ...(record.recurrence === undefined ? {} : { recurrence: record.recurrence }),
  };
  return {
    Source: record.source,
    DetailType: record.detailType,
    Detail: JSON.stringify({ ...record.detail, vigilJob }),
    EventBusName: record.targetBus ?? context.defaultBus,
  };
}
