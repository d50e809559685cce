import { handleJobsRequest } from '../../../src/handlers/schedule-job';
import { ManualClock } from '../../helpers/fakes';
import { InMemoryJobStore } from '../../helpers/in-memory-job-store';

function runtime() {
  const repository = new InMemoryJobStore();
  const clock = new ManualClock(new Date('2025-01-01T10:00:00Z'));
  return {
    repository,
    deps: { repository, clock: clock.now, generateId: () => 'gen-1', allowedBuses: ['vigil-test', 'audit'] },
  };
}

const job = {
  jobId: 'j1',
  dueAt: '2025-01-01T11:00:00Z',
  source: 'acme.app',
  detailType: 'Reminder',
  detail: {},
};

describe('handleJobsRequest', () => {
  it('schedules a job and answers an idempotent repeat with created: false', async () => {
    // Prepare
    const { repository, deps } = runtime();

    // Act
    const first = await handleJobsRequest({ action: 'schedule', job }, deps);
    const again = await handleJobsRequest({ action: 'schedule', job }, deps);

    // Assess
    expect(first).toMatchObject({
      ok: true,
      result: { created: true, record: { pk: 'j#2025-01-01T11:00' } },
    });
    expect(again).toMatchObject({ ok: true, result: { created: false } });
    expect(repository.all()).toHaveLength(1);
  });

  it('answers a schema error with the path and the reason', async () => {
    // Act
    const response = await handleJobsRequest(
      { action: 'schedule', job: { ...job, source: 'aws.ec2' } },
      runtime().deps
    );

    // Assess
    expect(response).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!response.ok && response.error.message).toContain('not starting with aws.');
  });

  it('refuses a bus the dispatcher may not publish to, and accepts a configured one', async () => {
    // Prepare
    const { deps } = runtime();

    // Act
    const refused = await handleJobsRequest(
      { action: 'schedule', job: { ...job, targetBus: 'elsewhere' } },
      deps
    );
    const accepted = await handleJobsRequest(
      {
        action: 'schedule',
        job: { ...job, jobId: 'j2', targetBus: 'arn:aws:events:us-east-1:123456789012:event-bus/audit' },
      },
      deps
    );

    // Assess
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(accepted.ok).toBe(true);
  });

  it('reports an unknown id and an over-long list range clearly', async () => {
    // Prepare
    const { deps } = runtime();

    // Act
    const missing = await handleJobsRequest({ action: 'cancel', jobId: 'nope' }, deps);
    const tooLong = await handleJobsRequest(
      { action: 'list', from: '2025-01-01T00:00:00Z', to: '2025-03-01T00:00:00Z' },
      deps
    );
    const reversed = await handleJobsRequest(
      { action: 'list', from: '2025-01-02T00:00:00Z', to: '2025-01-01T00:00:00Z' },
      deps
    );

    // Assess
    expect(missing).toEqual({
      ok: false,
      error: { code: 'JOB_NOT_FOUND', message: 'no scheduled job with id nope' },
    });
    expect(tooLong).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: expect.stringContaining('31 days') },
    });
    expect(reversed).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('from at or before to') },
    });
  });

  it('lists and gets jobs', async () => {
    // Prepare
    const { deps } = runtime();
    await handleJobsRequest({ action: 'schedule', job }, deps);
    await handleJobsRequest(
      { action: 'schedule', job: { ...job, jobId: 'late', dueAt: '2025-01-01T18:00:00Z' } },
      deps
    );

    // Act
    const listed = await handleJobsRequest(
      { action: 'list', from: '2025-01-01T10:00:00Z', to: '2025-01-01T12:00:00Z' },
      deps
    );
    const got = await handleJobsRequest({ action: 'get', jobId: 'late' }, deps);

    // Assess
    expect(listed).toMatchObject({ ok: true, result: { jobs: [{ jobId: 'j1' }] } });
    expect(got).toMatchObject({ ok: true, result: { jobId: 'late', pk: 'j#2025-01-01T18:00' } });
  });
});
