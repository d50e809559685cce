import { randomUUID } from 'node:crypto';
import { lambda, logger, recordInvalidInput } from '@vigil/lambda-kit';
import { dynamodb } from '../adapters/aws-clients';
import { DynamoDbJobRepository } from '../adapters/dynamodb-job-repository';
import { parseApiConfig } from '../config';
import { JobsApiRequestSchema } from '../core/jobs-api-request';
import { cancelJob, getJob, listJobs, type ManageJobsDeps, scheduleJob } from '../core/manage-jobs';
import { PermanentJobError } from '../errors';

let deps: ManageJobsDeps | undefined;

/** Built on the first invocation (cold start), from the environment. */
function defaultDeps(): ManageJobsDeps {
  if (deps !== undefined) return deps;
  const config = parseApiConfig(process.env);
  deps = {
    repository: new DynamoDbJobRepository(dynamodb, config.JOBS_TABLE_NAME),
    clock: () => new Date(),
    generateId: randomUUID,
    allowedBuses: [config.EVENT_BUS_NAME, ...config.TARGET_BUS_NAMES],
  };
  return deps;
}

/** The scheduling API's answer: the result, or a clear error for a bad request (never a stack trace). */
export type JobsApiResponse =
  | { ok: true; result: unknown }
  | { ok: false; error: { code: string; message: string } };

/**
 * Handles one scheduling API request (direct invocation): `schedule`, `cancel`, `get` or `list`.
 * Bad requests (schema, unknown bus, no occurrence, unknown id) get `ok: false` with the reason and count
 * the `InvalidInput` metric; AWS failures are thrown so the caller retries.
 */
export async function handleJobsRequest(
  event: unknown,
  runtime: ManageJobsDeps = defaultDeps()
): Promise<JobsApiResponse> {
  const parsed = JobsApiRequestSchema.safeParse(event);
  if (!parsed.success) {
    const error = recordInvalidInput(parsed.error, event);
    return { ok: false, error: { code: error.code, message: error.message } };
  }
  const request = parsed.data;
  try {
    switch (request.action) {
      case 'schedule':
        return { ok: true, result: await scheduleJob(request.job, runtime) };
      case 'cancel':
        return { ok: true, result: { cancelled: await cancelJob(request.jobId, runtime) } };
      case 'get':
        return { ok: true, result: await getJob(request.jobId, runtime) };
      case 'list': {
        const range = { from: new Date(request.from), to: new Date(request.to), limit: request.limit };
        return { ok: true, result: { jobs: await listJobs(range, runtime) } };
      }
    }
  } catch (error) {
    if (!(error instanceof PermanentJobError)) throw error;
    logger.warn('job request refused', { code: error.code, reason: error.message });
    return { ok: false, error: { code: error.code, message: error.message } };
  }
}

export const main = lambda().handler((event: unknown) => handleJobsRequest(event));
