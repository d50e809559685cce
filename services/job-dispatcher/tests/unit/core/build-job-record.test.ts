import { buildJobRecord, nextOccurrenceRecord } from '../../../src/core/build-job-record';
import { InvalidJobRequestError } from '../../../src/errors';

const base = { detailType: 'Scan Account', source: 'vigil.test', detail: { accountId: '123' } };
const generateId = () => 'generated-id';

describe('buildJobRecord', () => {
  it('computes the bucket and sort key from the due time', () => {
    // Act
    const record = buildJobRecord(
      { ...base, jobId: 'job-1', dueAt: '2015-03-20T09:46:47.123Z' },
      { now: new Date('2015-03-20T09:00:00Z'), generateId }
    );

    // Assess
    expect(record).toMatchObject({
      pk: 'j#2015-03-20T09:45',
      sk: '2015-03-20T09:46:47.123Z#job-1',
      dueAt: '2015-03-20T09:46:47.123Z',
      fireAt: '2015-03-20T09:46:47.123Z',
      attempts: 0,
      createdAt: '2015-03-20T09:00:00.000Z',
    });
  });

  it('generates an id when none is given', () => {
    // Act
    const record = buildJobRecord(
      { ...base, dueAt: '2025-01-01T00:00:00Z' },
      { now: new Date('2024-12-31T00:00:00Z'), generateId }
    );

    // Assess
    expect(record.jobId).toBe('generated-id');
  });

  it('places a job due in the past at the scheduling time, so a swept bucket never hides it', () => {
    // Act
    const record = buildJobRecord(
      { ...base, jobId: 'late', dueAt: '2025-01-01T00:00:00Z' },
      { now: new Date('2025-01-01T03:07:00Z'), generateId }
    );

    // Assess
    expect(record.pk).toBe('j#2025-01-01T03:05');
    expect(record.fireAt).toBe('2025-01-01T03:07:00.000Z');
    expect(record.dueAt).toBe('2025-01-01T00:00:00.000Z');
  });

  it('spreads the dispatch within the flexible window, the same way every time', () => {
    // Prepare
    const request = { ...base, jobId: 'scan-9', dueAt: '2025-01-01T09:00:00Z', flexibleWindowMinutes: 10 };
    const now = new Date('2025-01-01T00:00:00Z');

    // Act
    const first = buildJobRecord(request, { now, generateId });
    const again = buildJobRecord(request, { now, generateId });

    // Assess
    const offset = Date.parse(first.fireAt) - Date.parse(first.dueAt);
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(offset).toBeLessThan(600_000);
    expect(again.sk).toBe(first.sk);
  });

  it('takes the first occurrence of a recurrence when no due time is given', () => {
    // Act
    const record = buildJobRecord(
      {
        ...base,
        jobId: 'nightly',
        recurrence: { expression: 'cron(0 2 * * ? *)', timezone: 'Europe/Paris' },
      },
      { now: new Date('2025-01-10T12:00:00Z'), generateId }
    );

    // Assess
    expect(record.dueAt).toBe('2025-01-11T01:00:00.000Z');
    expect(record.pk).toBe('j#2025-01-11T01:00');
  });

  it('rejects a recurrence that never fires again', () => {
    // Act
    const build = () =>
      buildJobRecord(
        { ...base, recurrence: { expression: 'at(2020-01-01T00:00:00)' } },
        { now: new Date('2025-01-01T00:00:00Z'), generateId }
      );

    // Assess
    expect(build).toThrow(InvalidJobRequestError);
    expect(build).toThrow('has no occurrence after');
  });
});

describe('nextOccurrenceRecord', () => {
  it('writes the next occurrence with fresh attempts, keeping the job id', () => {
    // Prepare
    const current = {
      ...buildJobRecord(
        { ...base, jobId: 'every-5', recurrence: { expression: 'rate(5 minutes)' } },
        { now: new Date('2025-01-01T00:00:00Z'), generateId }
      ),
      attempts: 2,
      lastError: 'InternalFailure',
    };

    // Act
    const next = nextOccurrenceRecord(current, new Date('2025-01-01T00:05:30Z'));

    // Assess
    expect(current.dueAt).toBe('2025-01-01T00:05:00.000Z');
    expect(next).toMatchObject({
      jobId: 'every-5',
      dueAt: '2025-01-01T00:10:00.000Z',
      pk: 'j#2025-01-01T00:10',
      attempts: 0,
    });
    expect(next?.lastError).toBeUndefined();
  });

  it('does not replay the occurrences missed during an outage', () => {
    // Prepare
    const current = buildJobRecord(
      { ...base, jobId: 'every-min', recurrence: { expression: 'rate(1 minute)' } },
      { now: new Date('2025-01-01T00:00:00Z'), generateId }
    );

    // Act: dispatched 20 minutes late.
    const next = nextOccurrenceRecord(current, new Date('2025-01-01T00:21:10Z'));

    // Assess
    expect(next?.dueAt).toBe('2025-01-01T00:22:00.000Z');
  });

  it('ends a one-time job and a recurrence past its end', () => {
    // Prepare
    const oneTime = buildJobRecord(
      { ...base, jobId: 'once', dueAt: '2025-01-01T00:00:00Z' },
      { now: new Date('2024-12-31T00:00:00Z'), generateId }
    );
    const ending = buildJobRecord(
      { ...base, jobId: 'ending', recurrence: { expression: 'rate(1 hour)', end: '2025-01-01T01:30:00Z' } },
      { now: new Date('2025-01-01T00:00:00Z'), generateId }
    );

    // Act
    const afterOnce = nextOccurrenceRecord(oneTime, new Date('2025-01-01T00:00:10Z'));
    const afterEnd = nextOccurrenceRecord(ending, new Date('2025-01-01T01:00:10Z'));

    // Assess
    expect(afterOnce).toBeUndefined();
    expect(afterEnd).toBeUndefined();
  });
});
