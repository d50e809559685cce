import type { ScheduleJobRequest } from '@vigil/event-schema';
import { InvalidJobRequestError, JobNotFoundError } from '../errors';
import { BUCKET_MS } from './bucket';
import { buildJobRecord } from './build-job-record';
import type { JobRecord } from './job-record';
import type { CreateJobResult, JobRepository } from './job-store';

/** What the scheduling API needs. */
export type ManageJobsDeps = {
  repository: JobRepository;
  clock: () => Date;
  generateId: () => string;
  /** Buses a job may target (names or ARNs); the stage's bus is always allowed. */
  allowedBuses: readonly string[];
};

/** A list range may span at most this long (each 5-minute bucket in it is one query). */
export const MAX_LIST_RANGE_MS = 31 * 86_400_000;

function busName(nameOrArn: string): string {
  return nameOrArn.includes(':event-bus/') ? (nameOrArn.split(':event-bus/')[1] ?? nameOrArn) : nameOrArn;
}

/**
 * Schedules a job: validates what the schema cannot (target bus allowed by the dispatcher's IAM policy,
 * a recurrence with an occurrence left), computes its keys and stores it. Idempotent by job id: scheduling
 * an id that is already scheduled returns the stored job with `created: false`.
 *
 * @throws InvalidJobRequestError when the bus is not allowed or the recurrence never fires
 */
export async function scheduleJob(
  request: ScheduleJobRequest,
  deps: ManageJobsDeps
): Promise<CreateJobResult> {
  if (request.targetBus !== undefined) {
    const allowed = new Set(deps.allowedBuses.map(busName));
    if (!allowed.has(busName(request.targetBus))) {
      throw new InvalidJobRequestError(
        `targetBus ${request.targetBus} is not one of the dispatcher's buses (${[...allowed].join(', ')})`
      );
    }
  }
  const record = buildJobRecord(request, { now: deps.clock(), generateId: deps.generateId });
  return deps.repository.create(record);
}

/** The scheduled job with this id. @throws JobNotFoundError */
export async function getJob(jobId: string, deps: Pick<ManageJobsDeps, 'repository'>): Promise<JobRecord> {
  const record = await deps.repository.findById(jobId);
  if (record === undefined) throw new JobNotFoundError(jobId);
  return record;
}

/** Cancels a job (all its future occurrences). @throws JobNotFoundError */
export async function cancelJob(jobId: string, deps: Pick<ManageJobsDeps, 'repository'>): Promise<JobRecord> {
  const record = await getJob(jobId, deps);
  if (!(await deps.repository.remove(record))) throw new JobNotFoundError(jobId);
  return record;
}

/**
 * Jobs whose dispatch time is in [from, to], oldest first.
 *
 * @throws InvalidJobRequestError when the range is reversed or longer than 31 days
 */
export async function listJobs(
  range: { from: Date; to: Date; limit: number },
  deps: Pick<ManageJobsDeps, 'repository'>
): Promise<JobRecord[]> {
  const span = range.to.getTime() - range.from.getTime();
  if (span < 0) throw new InvalidJobRequestError('expected from at or before to');
  if (span > MAX_LIST_RANGE_MS) {
    throw new InvalidJobRequestError(
      `a list range spans at most 31 days (${MAX_LIST_RANGE_MS / BUCKET_MS} buckets); narrow from/to`
    );
  }
  return deps.repository.listBetween(range.from, range.to, range.limit);
}
