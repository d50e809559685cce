import type { PutEventsEntry } from '@vigil/event-schema';
import type { EventPublisher } from '../../src/core/event-publisher';
import { scheduleJob } from '../../src/core/manage-jobs';
import type { EntryResult } from '../../src/core/retry-policy';
import { handleJobsRequest } from '../../src/handlers/schedule-job';
import { ManualClock } from '../helpers/fakes';
import { LocalDispatcher } from '../helpers/local-dispatcher';

const local = new LocalDispatcher();
const jobIdOf = (entry: PutEventsEntry) =>
  (JSON.parse(entry.Detail) as { vigilJob?: { jobId: string } }).vigilJob?.jobId ?? '';
const dueOf = (entry: PutEventsEntry) =>
  (JSON.parse(entry.Detail) as { vigilJob: { dueAt: string } }).vigilJob.dueAt;

/** Records what reaches PutEvents, in call order, and passes it on to the real local bus. */
class SpyPublisher implements EventPublisher {
  readonly calls: PutEventsEntry[][] = [];
  constructor(
    private readonly inner: EventPublisher,
    private readonly failFirst: Map<string, string> = new Map()
  ) {}
  async putEvents(entries: readonly PutEventsEntry[]): Promise<EntryResult[]> {
    this.calls.push([...entries]);
    const failing = entries.map((entry) => this.failFirst.get(jobIdOf(entry)));
    const forwarded = entries.filter((_, index) => failing[index] === undefined);
    const results = forwarded.length > 0 ? await this.inner.putEvents(forwarded) : [];
    return entries.map((entry, index) => {
      const code = failing[index];
      if (code === undefined)
        return results.shift() ?? { ok: false, errorCode: 'InternalFailure', errorMessage: 'lost' };
      this.failFirst.delete(jobIdOf(entry));
      return { ok: false, errorCode: code, errorMessage: `injected ${code}` };
    });
  }
}

async function schedule(
  clock: ManualClock,
  jobs: { jobId: string; dueAt: string; extra?: Record<string, unknown> }[]
) {
  for (const job of jobs) {
    const response = await handleJobsRequest(
      {
        action: 'schedule',
        job: {
          jobId: job.jobId,
          dueAt: job.dueAt,
          source: 'vigil.it',
          detailType: 'IT Job',
          detail: { id: job.jobId },
          ...job.extra,
        },
      },
      local.api(clock.now)
    );
    expect(response.ok).toBe(true);
  }
}

beforeAll(async () => {
  await local.start();
}, 60_000);

afterAll(async () => {
  await local.stop();
});

beforeEach(async () => {
  await local.reset();
});

describe('dispatchDueJobs on local-cloud', () => {
  it('dispatches jobs written through the API once, in due order, within one tick', async () => {
    // Prepare
    const clock = new ManualClock(new Date('2030-01-01T10:00:00Z'));
    const jobs = Array.from({ length: 45 }, (_, i) => ({
      jobId: `job-${i}`,
      dueAt: new Date(Date.parse('2030-01-01T10:00:10Z') + ((i * 7919) % 45) * 1000).toISOString(),
    }));
    await schedule(clock, jobs);
    await schedule(clock, [{ jobId: 'later', dueAt: '2030-01-01T10:05:00Z' }]);
    clock.set('2030-01-01T10:01:00Z');
    let spy: SpyPublisher | undefined;

    // Act
    const summary = await local.tick(clock.now, 'tick-1', {
      decoratePublisher: (inner) => (spy = new SpyPublisher(inner)),
    });

    // Assess
    expect(summary).toMatchObject({ status: 'completed', due: 45, dispatched: 45, failed: 0 });
    const ids = local.received.map((event) => event.detail.vigilJob.jobId);
    expect(ids).toHaveLength(45);
    expect(new Set(ids).size).toBe(45);
    const published = (spy?.calls ?? []).flat();
    const dues = published.map(dueOf);
    expect(dues).toEqual([...dues].sort());
    expect(spy?.calls.every((call) => call.length <= 10)).toBe(true);
    expect(await local.jobItems()).toBe(1);
  });

  it('catches up after missed ticks when the clock jumps 20 minutes', async () => {
    // Prepare
    const clock = new ManualClock(new Date('2030-01-02T10:00:00Z'));
    await local.tick(clock.now, 'tick-0');
    await schedule(
      clock,
      [1, 4, 6, 9, 12, 15, 17, 19].map((minute) => ({
        jobId: `m${minute}`,
        dueAt: new Date(Date.parse('2030-01-02T10:00:00Z') + minute * 60_000).toISOString(),
      }))
    );
    clock.set('2030-01-02T10:20:30Z');

    // Act
    const summary = await local.tick(clock.now, 'tick-1');

    // Assess
    expect(summary).toMatchObject({ dispatched: 8, watermark: 'j#2030-01-02T10:20' });
    expect(local.received.map((event) => event.detail.vigilJob.jobId).sort()).toEqual([
      'm1',
      'm12',
      'm15',
      'm17',
      'm19',
      'm4',
      'm6',
      'm9',
    ]);
    expect(summary.lag.p99).toBeGreaterThanOrEqual(19 * 60_000);
  });

  it('retries only the entries PutEvents failed, and delivers each job once', async () => {
    // Prepare
    const clock = new ManualClock(new Date('2030-01-03T10:00:00Z'));
    await schedule(
      clock,
      Array.from({ length: 12 }, (_, i) => ({
        jobId: `p${i}`,
        dueAt: `2030-01-03T10:00:${String(10 + i).padStart(2, '0')}Z`,
      }))
    );
    clock.set('2030-01-03T10:01:00Z');
    let spy: SpyPublisher | undefined;
    const failures = new Map([
      ['p2', 'InternalFailure'],
      ['p7', 'InternalFailure'],
      ['p11', 'InternalFailure'],
    ]);

    // Act
    const summary = await local.tick(clock.now, 'tick-1', {
      decoratePublisher: (inner) => (spy = new SpyPublisher(inner, failures)),
    });

    // Assess
    expect(summary).toMatchObject({ dispatched: 12, failed: 0 });
    // The two batches go out concurrently; each retry carries only that batch's failed entries.
    expect(spy?.calls.map((call) => call.map(jobIdOf).join(',')).sort()).toEqual(
      ['p0,p1,p2,p3,p4,p5,p6,p7,p8,p9', 'p10,p11', 'p2,p7', 'p11'].sort()
    );
    const ids = local.received.map((event) => event.detail.vigilJob.jobId);
    expect(ids.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `p${i}`).sort());
  });

  it('never dispatches a job twice when two ticks run at once', async () => {
    // Prepare
    const clock = new ManualClock(new Date('2030-01-04T10:00:00Z'));
    await schedule(
      clock,
      Array.from({ length: 60 }, (_, i) => ({ jobId: `c${i}`, dueAt: '2030-01-04T10:00:30Z' }))
    );
    clock.set('2030-01-04T10:01:00Z');

    // Act
    const summaries = await Promise.all([
      local.tick(clock.now, 'tick-a'),
      local.tick(clock.now, 'tick-b'),
      local.tick(clock.now, 'tick-c'),
    ]);

    // Assess
    const ids = local.received.map((event) => event.detail.vigilJob.jobId);
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    expect(summaries.map((s) => s.status).sort()).toEqual(['completed', 'lease-held', 'lease-held']);
    clock.advance(60_000);
    expect((await local.tick(clock.now, 'tick-d')).dispatched).toBe(0);
  });

  it('pauses all dispatch on throttling, announces it, and resumes after the pause', async () => {
    // Prepare
    const clock = new ManualClock(new Date('2030-01-05T10:00:00Z'));
    await schedule(
      clock,
      Array.from({ length: 5 }, (_, i) => ({ jobId: `t${i}`, dueAt: '2030-01-05T10:00:30Z' }))
    );
    const paused: unknown[] = [];
    const stopListening = local.cloud.router.deliveries.onDelivery((delivery) =>
      paused.push(delivery.payload)
    );
    await local.eventBridge.send(
      new (await import('@aws-sdk/client-eventbridge')).PutRuleCommand({
        Name: 'it-paused',
        EventBusName: 'vigil-dev',
        EventPattern: JSON.stringify({
          source: ['vigil.scheduler'],
          'detail-type': ['Vigil Scheduler Paused'],
        }),
      })
    );
    await local.eventBridge.send(
      new (await import('@aws-sdk/client-eventbridge')).PutTargetsCommand({
        Rule: 'it-paused',
        EventBusName: 'vigil-dev',
        Targets: [{ Id: 'consumer', Arn: 'arn:aws:lambda:us-east-1:000000000000:function:it-job-consumer' }],
      })
    );
    const throttleOnce = new Map([['t0', 'ThrottlingException']]);
    clock.set('2030-01-05T10:01:00Z');

    // Act
    const throttled = await local.tick(clock.now, 'tick-1', {
      decoratePublisher: (inner) => new SpyPublisher(inner, throttleOnce),
      settings: { publishConcurrency: 1 },
    });
    clock.set('2030-01-05T10:02:00Z');
    const during = await local.tick(clock.now, 'tick-2');
    clock.set('2030-01-05T10:16:01Z');
    const after = await local.tick(clock.now, 'tick-3');
    stopListening();

    // Assess
    expect(throttled).toMatchObject({
      status: 'paused',
      dispatched: 4,
      resumeAt: '2030-01-05T10:16:00.000Z',
    });
    expect(during).toMatchObject({ status: 'paused', dispatched: 0 });
    expect(after).toMatchObject({ status: 'completed', dispatched: 1 });
    const notice = local.received.find((event) => event['detail-type'] === 'Vigil Scheduler Paused');
    expect(notice?.detail).toMatchObject({
      resumeAt: '2030-01-05T10:16:00.000Z',
      service: 'events',
      errorCode: 'ThrottlingException',
    });
    const jobIds = local.received.flatMap((event) =>
      event.source === 'vigil.it' ? [event.detail.vigilJob.jobId] : []
    );
    expect(jobIds.sort()).toEqual(['t0', 't1', 't2', 't3', 't4']);
    expect(paused.length).toBeGreaterThan(0);
  });

  it('dead-letters a job whose bus does not exist, with the reason, and deletes it', async () => {
    // Prepare
    const clock = new ManualClock(new Date('2030-01-06T10:00:00Z'));
    await schedule(clock, [
      { jobId: 'lost-bus', dueAt: '2030-01-06T10:00:30Z', extra: { targetBus: 'missing-bus' } },
    ]);
    clock.set('2030-01-06T10:01:00Z');

    // Act
    const summary = await local.tick(clock.now, 'tick-1');

    // Assess
    expect(summary).toMatchObject({ deadLettered: 1, dispatched: 0 });
    const letters = await local.deadLetters();
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ errorCode: 'ResourceNotFoundException', job: { jobId: 'lost-bus' } });
    expect(letters[0]?.reason).toContain('permanent error');
    expect(await local.jobItems()).toBe(0);
  });

  it('writes the next occurrence of a recurring job after dispatching it', async () => {
    // Prepare
    const clock = new ManualClock(new Date('2030-01-07T10:00:00Z'));
    const api = local.api(clock.now);
    await scheduleJob(
      {
        jobId: 'every-5',
        source: 'vigil.it',
        detailType: 'IT Job',
        detail: {},
        recurrence: { expression: 'rate(5 minutes)', start: '2030-01-07T10:00:30Z' },
      },
      api
    );
    clock.set('2030-01-07T10:01:00Z');

    // Act
    await local.tick(clock.now, 'tick-1');
    clock.set('2030-01-07T10:06:00Z');
    await local.tick(clock.now, 'tick-2');

    // Assess
    expect(local.received.map((event) => event.detail.vigilJob.dueAt)).toEqual([
      '2030-01-07T10:00:30.000Z',
      '2030-01-07T10:05:30.000Z',
    ]);
    expect((await api.repository.findById('every-5'))?.dueAt).toBe('2030-01-07T10:10:30.000Z');
    expect(await local.jobItems()).toBe(1);
  });
});
