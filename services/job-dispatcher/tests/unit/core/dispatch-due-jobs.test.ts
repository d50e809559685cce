import {
  type DispatchDeps,
  type DispatchSettings,
  dispatchDueJobs,
} from '../../../src/core/dispatch-due-jobs';
import { DEFAULT_BACKOFF } from '../../../src/core/retry-policy';
import { DEFAULT_SWEEP_SETTINGS } from '../../../src/core/sweep-plan';
import { ThrottledError } from '../../../src/errors';
import { InMemoryDeadLetters, InMemoryState, ManualClock, RecordingPublisher } from '../../helpers/fakes';
import { InMemoryJobStore } from '../../helpers/in-memory-job-store';
import { jobRecord } from '../../helpers/job-fixtures';

const settings: DispatchSettings = {
  defaultBus: 'vigil-test',
  pauseMinutes: 15,
  defaultLimits: { maxAttempts: 3, maxEventAgeSeconds: 86_400 },
  sweep: DEFAULT_SWEEP_SETTINGS,
  backoff: { ...DEFAULT_BACKOFF, maxRetries: 1 },
  publishConcurrency: 3,
  safetyMarginMs: 5000,
  leaseSkewMs: 1000,
};

function setup(start = '2025-01-01T10:00:30Z', pageSize = 100) {
  const clock = new ManualClock(new Date(start));
  const jobs = new InMemoryJobStore(pageSize);
  const publisher = new RecordingPublisher();
  const deadLetters = new InMemoryDeadLetters();
  const state = new InMemoryState();
  const warnings: string[] = [];
  let remaining = 60_000;
  const deps: DispatchDeps = {
    jobs,
    publisher,
    deadLetters,
    state,
    clock: clock.now,
    remainingMs: () => remaining,
    sleep: async () => undefined,
    random: () => 0.5,
    warn: (message) => warnings.push(message),
  };
  return {
    clock,
    jobs,
    publisher,
    deadLetters,
    state,
    deps,
    warnings,
    setRemaining: (ms: number) => (remaining = ms),
  };
}

const dueJobIds = (publisher: RecordingPublisher) => publisher.jobIds();

describe('dispatchDueJobs', () => {
  it('dispatches due jobs of the previous and current bucket in due order and deletes them', async () => {
    // Prepare
    const { jobs, publisher, deps, state } = setup();
    state.state = { watermark: 'j#2025-01-01T10:00' };
    jobs.put(jobRecord('c', '2025-01-01T10:00:20Z'));
    jobs.put(jobRecord('a', '2025-01-01T09:57:00Z'));
    jobs.put(jobRecord('b', '2025-01-01T09:59:59Z'));
    jobs.put(jobRecord('future', '2025-01-01T10:00:31Z'));

    // Act
    const summary = await dispatchDueJobs('tick-1', settings, deps);

    // Assess
    expect(dueJobIds(publisher)).toEqual(['a', 'b', 'c']);
    expect(jobs.all().map((job) => job.jobId)).toEqual(['future']);
    expect(summary).toMatchObject({
      status: 'completed',
      due: 3,
      dispatched: 3,
      failed: 0,
      deadLettered: 0,
      watermark: 'j#2025-01-01T10:00',
    });
    expect(summary.lag.p99).toBe(210_000);
  });

  it('adds vigilJob to each event and sends it to the job bus or the stage bus', async () => {
    // Prepare
    const { jobs, publisher, deps } = setup();
    jobs.put(jobRecord('own-bus', '2025-01-01T10:00:00Z', { targetBus: 'other-bus' }));
    jobs.put(
      jobRecord('stage-bus', '2025-01-01T10:00:01Z', { source: 'acme.billing', detailType: 'Invoice Due' })
    );

    // Act
    await dispatchDueJobs('tick-1', settings, deps);

    // Assess
    const [first, second] = publisher.accepted;
    expect(first?.EventBusName).toBe('other-bus');
    expect(second).toMatchObject({
      EventBusName: 'vigil-test',
      Source: 'acme.billing',
      DetailType: 'Invoice Due',
    });
    expect(JSON.parse(second?.Detail ?? '{}')).toEqual({
      n: 'stage-bus',
      vigilJob: {
        schemaVersion: '1',
        jobId: 'stage-bus',
        dueAt: '2025-01-01T10:00:01.000Z',
        dispatchedAt: '2025-01-01T10:00:30.000Z',
        attempt: 1,
      },
    });
  });

  it('catches up buckets missed while ticks did not run (20-minute clock jump)', async () => {
    // Prepare
    const { jobs, publisher, deps, state, clock } = setup('2025-01-01T10:20:30Z');
    state.state = { watermark: 'j#2025-01-01T10:00' };
    for (const [i, due] of ['10:01', '10:06', '10:11', '10:16', '10:20'].entries())
      jobs.put(jobRecord(`j${i}`, `2025-01-01T${due}:00Z`));
    clock.set('2025-01-01T10:20:30Z');

    // Act
    const summary = await dispatchDueJobs('tick-1', settings, deps);

    // Assess
    expect(dueJobIds(publisher)).toEqual(['j0', 'j1', 'j2', 'j3', 'j4']);
    expect(summary.watermark).toBe('j#2025-01-01T10:20');
    expect(summary.bucketsSwept).toBe(5);
  });

  it('never dispatches a job twice when two ticks overlap (the second finds the lease taken)', async () => {
    // Prepare
    const { jobs, publisher, deps } = setup();
    for (let i = 0; i < 50; i += 1) jobs.put(jobRecord(`job-${i}`, '2025-01-01T10:00:00Z'));

    // Act
    const [first, second] = await Promise.all([
      dispatchDueJobs('tick-1', settings, deps),
      dispatchDueJobs('tick-2', settings, deps),
    ]);

    // Assess
    expect([first.status, second.status].sort()).toEqual(['completed', 'lease-held']);
    expect(new Set(dueJobIds(publisher)).size).toBe(50);
    expect(dueJobIds(publisher)).toHaveLength(50);
  });

  it('keeps a job that failed for the next tick, counts the attempt, then dead-letters it after max attempts', async () => {
    // Prepare
    const { jobs, publisher, deps, deadLetters, clock } = setup();
    jobs.put(jobRecord('flaky', '2025-01-01T10:00:00Z'));
    publisher.failWith('flaky', 'InternalFailure');

    // Act
    const first = await dispatchDueJobs('tick-1', settings, deps);
    clock.advance(60_000);
    await dispatchDueJobs('tick-2', settings, deps);
    clock.advance(60_000);
    const third = await dispatchDueJobs('tick-3', settings, deps);

    // Assess
    expect(first).toMatchObject({ failed: 1, deadLettered: 0 });
    expect(third).toMatchObject({ failed: 1, deadLettered: 1 });
    expect(deadLetters.letters).toHaveLength(1);
    expect(deadLetters.letters[0]).toMatchObject({
      attempts: 3,
      reason: expect.stringContaining('max attempts (3) exhausted'),
      errorCode: 'InternalFailure',
    });
    expect(jobs.all()).toEqual([]);
  });

  it('does not advance the watermark past a bucket that still holds a failed job', async () => {
    // Prepare
    const { jobs, publisher, deps, state } = setup('2025-01-01T10:20:30Z');
    state.state = { watermark: 'j#2025-01-01T10:00' };
    jobs.put(jobRecord('stuck', '2025-01-01T10:06:00Z'));
    jobs.put(jobRecord('fine', '2025-01-01T10:11:00Z'));
    publisher.failWith('stuck', 'InternalFailure');

    // Act
    const summary = await dispatchDueJobs('tick-1', settings, deps);

    // Assess
    expect(summary.watermark).toBe('j#2025-01-01T10:05');
    expect(jobs.all().map((job) => [job.jobId, job.attempts])).toEqual([['stuck', 1]]);
  });

  it('dead-letters a permanent error at once and an expired job without sending it', async () => {
    // Prepare
    const { jobs, publisher, deps, deadLetters } = setup();
    jobs.put(jobRecord('malformed', '2025-01-01T10:00:00Z'));
    jobs.put(jobRecord('too-old', '2025-01-01T09:58:00Z', { maxEventAgeSeconds: 60 }));
    publisher.failWith('malformed', 'MalformedDetail');

    // Act
    const summary = await dispatchDueJobs('tick-1', settings, deps);

    // Assess
    expect(summary.deadLettered).toBe(2);
    expect(deadLetters.letters.map((letter) => [letter.job?.jobId, letter.errorCode])).toEqual([
      ['too-old', 'EventAgeExceeded'],
      ['malformed', 'MalformedDetail'],
    ]);
    expect(dueJobIds(publisher)).toEqual([]);
    expect(jobs.all()).toEqual([]);
  });

  it('writes the next occurrence of a recurring job atomically with its removal', async () => {
    // Prepare
    const { jobs, deps } = setup('2025-01-01T10:00:30Z');
    jobs.put(
      jobRecord('every-5', '2025-01-01T10:00:00Z', {
        recurrence: { expression: 'rate(5 minutes)', start: '2025-01-01T10:00:00Z' },
      })
    );

    // Act
    await dispatchDueJobs('tick-1', settings, deps);

    // Assess
    expect(jobs.calls).toContain('advance 1');
    expect(jobs.all().map((job) => [job.jobId, job.dueAt, job.pk])).toEqual([
      ['every-5', '2025-01-01T10:05:00.000Z', 'j#2025-01-01T10:05'],
    ]);
  });

  it('pauses all dispatch for 15 minutes on throttling, announces it, then resumes by itself', async () => {
    // Prepare
    const { jobs, publisher, deps, clock, state } = setup();
    for (let i = 0; i < 30; i += 1)
      jobs.put(jobRecord(`job-${String(i).padStart(2, '0')}`, '2025-01-01T10:00:00Z'));
    publisher.failWith('job-05', 'ThrottlingException', 1);

    // Act: job-05 is in the first batch of 10; the other batches are not started.
    const throttled = await dispatchDueJobs('tick-1', { ...settings, publishConcurrency: 1 }, deps);
    clock.advance(60_000);
    const during = await dispatchDueJobs('tick-2', settings, deps);
    clock.advance(14 * 60_000);
    const after = await dispatchDueJobs('tick-3', settings, deps);

    // Assess
    expect(throttled).toMatchObject({
      status: 'paused',
      isPaused: true,
      resumeAt: '2025-01-01T10:15:30.000Z',
      dispatched: 9,
    });
    const paused = publisher.accepted.find((entry) => entry.DetailType === 'Vigil Scheduler Paused');
    expect(JSON.parse(paused?.Detail ?? '{}')).toMatchObject({
      resumeAt: '2025-01-01T10:15:30.000Z',
      service: 'events',
      errorCode: 'ThrottlingException',
    });
    expect(during).toMatchObject({ status: 'paused', dispatched: 0 });
    expect(after).toMatchObject({ status: 'completed', dispatched: 21 });
    expect(state.state.pausedUntil).toBeUndefined();
    expect(new Set(dueJobIds(publisher)).size).toBe(30);
  });

  it('pauses when DynamoDB throttles a query', async () => {
    // Prepare
    const { jobs, deps } = setup();
    jobs.failNextQuery = new ThrottledError('dynamodb', 'ProvisionedThroughputExceededException');

    // Act
    const summary = await dispatchDueJobs('tick-1', settings, deps);

    // Assess
    expect(summary).toMatchObject({
      status: 'paused',
      pauseReason: 'dynamodb throttled the dispatcher (ProvisionedThroughputExceededException)',
    });
  });

  it('stops starting pages when the Lambda is about to time out and leaves the rest for the next tick', async () => {
    // Prepare
    const { jobs, publisher, deps, setRemaining } = setup('2025-01-01T10:00:30Z', 10);
    for (let i = 0; i < 25; i += 1)
      jobs.put(jobRecord(`job-${String(i).padStart(2, '0')}`, '2025-01-01T10:00:00Z'));
    let pages = 0;
    const query = jobs.queryDue.bind(jobs);
    jobs.queryDue = async (...args) => {
      if (args[0] === 'j#2025-01-01T10:00') pages += 1;
      if (pages === 2) setRemaining(1000);
      return query(...args);
    };

    // Act
    const summary = await dispatchDueJobs('tick-1', settings, deps);

    // Assess
    expect(summary.status).toBe('incomplete');
    expect(dueJobIds(publisher)).toHaveLength(20);
    expect(jobs.all()).toHaveLength(5);
  });

  it('releases the lease and saves the watermark even when a tick fails', async () => {
    // Prepare
    const { jobs, deps, state } = setup();
    jobs.failNextQuery = new Error('boom');

    // Act
    const tick = dispatchDueJobs('tick-1', settings, deps);

    // Assess
    await expect(tick).rejects.toThrow('boom');
    expect(state.lease).toBeUndefined();
  });
});
