import { handleJobsRequest } from '../../src/handlers/schedule-job';
import { ManualClock } from '../helpers/fakes';
import { LocalDispatcher } from '../helpers/local-dispatcher';

const local = new LocalDispatcher();
const job = (jobId: string, dueAt: string) => ({
  jobId,
  dueAt,
  source: 'vigil.it',
  detailType: 'IT Job',
  detail: { jobId },
});

beforeAll(async () => {
  await local.start();
}, 60_000);

afterAll(async () => {
  await local.stop();
});

beforeEach(async () => {
  await local.reset();
});

describe('scheduling API on local-cloud', () => {
  it('schedules idempotently by job id, even when two requests race', async () => {
    // Prepare
    const clock = new ManualClock(new Date('2030-02-01T10:00:00Z'));
    const api = local.api(clock.now);

    // Act
    const [first, second] = await Promise.all([
      handleJobsRequest({ action: 'schedule', job: job('same', '2030-02-01T11:00:00Z') }, api),
      handleJobsRequest({ action: 'schedule', job: job('same', '2030-02-01T12:00:00Z') }, api),
    ]);
    const third = await handleJobsRequest(
      { action: 'schedule', job: job('same', '2030-02-01T11:00:00Z') },
      api
    );

    // Assess
    const created = [first, second, third].map((response) =>
      response.ok ? (response.result as { created: boolean }).created : undefined
    );
    expect(created.filter(Boolean)).toHaveLength(1);
    expect(await local.jobItems()).toBe(1);
  });

  it('gets, lists by time range and cancels by id (GSI)', async () => {
    // Prepare
    const clock = new ManualClock(new Date('2030-02-02T10:00:00Z'));
    const api = local.api(clock.now);
    for (const [id, due] of [
      ['a', '2030-02-02T10:30:00Z'],
      ['b', '2030-02-02T11:10:00Z'],
      ['c', '2030-02-02T13:00:00Z'],
    ] as const) {
      await handleJobsRequest({ action: 'schedule', job: job(id, due) }, api);
    }

    // Act
    const got = await handleJobsRequest({ action: 'get', jobId: 'b' }, api);
    const listed = await handleJobsRequest(
      { action: 'list', from: '2030-02-02T10:00:00Z', to: '2030-02-02T12:00:00Z' },
      api
    );
    const cancelled = await handleJobsRequest({ action: 'cancel', jobId: 'b' }, api);
    const again = await handleJobsRequest({ action: 'cancel', jobId: 'b' }, api);
    const rescheduled = await handleJobsRequest(
      { action: 'schedule', job: job('b', '2030-02-02T11:20:00Z') },
      api
    );

    // Assess
    expect(got).toMatchObject({
      ok: true,
      result: { jobId: 'b', pk: 'j#2030-02-02T11:10', sk: '2030-02-02T11:10:00.000Z#b' },
    });
    expect(listed.ok && (listed.result as { jobs: { jobId: string }[] }).jobs.map((j) => j.jobId)).toEqual([
      'a',
      'b',
    ]);
    expect(cancelled).toMatchObject({ ok: true, result: { cancelled: { jobId: 'b' } } });
    expect(again).toEqual({
      ok: false,
      error: { code: 'JOB_NOT_FOUND', message: 'no scheduled job with id b' },
    });
    expect(rescheduled).toMatchObject({ ok: true, result: { created: true } });
  });

  it('answers a bad request with a clear error, not a stack trace', async () => {
    // Prepare
    const api = local.api(() => new Date('2030-02-03T10:00:00Z'));

    // Act
    const badCron = await handleJobsRequest(
      {
        action: 'schedule',
        job: { ...job('x', '2030-02-03T11:00:00Z'), recurrence: { expression: 'cron(0 9 * * * *)' } },
      },
      api
    );
    const badBus = await handleJobsRequest(
      { action: 'schedule', job: { ...job('y', '2030-02-03T11:00:00Z'), targetBus: 'someone-elses-bus' } },
      api
    );
    const unknownAction = await handleJobsRequest({ action: 'explode' }, api);

    // Assess
    expect(badCron).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!badCron.ok && badCron.error.message).toContain('exactly one of day-of-month and day-of-week');
    expect(badBus).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(!badBus.ok && badBus.error.message).toContain('someone-elses-bus is not one of');
    expect(unknownAction).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await local.jobItems()).toBe(0);
  });
});
