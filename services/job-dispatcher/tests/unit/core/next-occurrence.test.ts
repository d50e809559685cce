import { compileRecurrence, nextOccurrence } from '../../../src/core/recurrence/next-occurrence';
import { fromLocal, offsetAt } from '../../../src/core/recurrence/zoned-time';
import { UnsupportedRecurrenceError } from '../../../src/errors';

const anchor = new Date('2025-01-01T00:00:00Z');
const iso = (date: Date | undefined) => date?.toISOString();

function take(
  expression: string,
  after: string,
  count: number,
  extra: { timezone?: string; start?: string; end?: string } = {}
) {
  const compiled = compileRecurrence({ expression, ...extra }, anchor);
  const out: string[] = [];
  let cursor = new Date(after);
  for (let i = 0; i < count; i += 1) {
    const next = compiled.next(cursor);
    if (next === undefined) break;
    out.push(next.toISOString());
    cursor = next;
  }
  return out;
}

describe('nextOccurrence: at(...)', () => {
  it('fires once at the wall time of its time zone', () => {
    // Act
    const first = nextOccurrence(
      { expression: 'at(2025-07-01T09:00:00)', timezone: 'Europe/Paris' },
      new Date('2025-06-01T00:00:00Z'),
      anchor
    );
    const after = nextOccurrence(
      { expression: 'at(2025-07-01T09:00:00)', timezone: 'Europe/Paris' },
      new Date('2025-07-01T07:00:00Z'),
      anchor
    );

    // Assess
    expect(iso(first)).toBe('2025-07-01T07:00:00.000Z');
    expect(after).toBeUndefined();
  });

  it('reads the wall time as UTC without a time zone', () => {
    // Act
    const first = nextOccurrence(
      { expression: 'at(2025-07-01T09:00:00)' },
      new Date('2025-06-01T00:00:00Z'),
      anchor
    );

    // Assess
    expect(iso(first)).toBe('2025-07-01T09:00:00.000Z');
  });
});

describe('nextOccurrence: rate(...)', () => {
  it('counts one period after creation without a start', () => {
    // Act
    const runs = take('rate(5 minutes)', '2025-01-01T00:00:00Z', 3);

    // Assess
    expect(runs).toEqual([
      '2025-01-01T00:05:00.000Z',
      '2025-01-01T00:10:00.000Z',
      '2025-01-01T00:15:00.000Z',
    ]);
  });

  it('starts at the start and stays on its grid after a gap', () => {
    // Act
    const first = take('rate(1 hour)', '2025-01-01T00:00:00Z', 1, { start: '2025-01-02T10:30:00Z' });
    const afterGap = nextOccurrence(
      { expression: 'rate(1 hour)', start: '2025-01-02T10:30:00Z' },
      new Date('2025-01-02T13:45:00Z'),
      anchor
    );

    // Assess
    expect(first).toEqual(['2025-01-02T10:30:00.000Z']);
    expect(iso(afterGap)).toBe('2025-01-02T14:30:00.000Z');
  });

  it('ends at the end', () => {
    // Act
    const runs = take('rate(1 day)', '2025-01-01T00:00:00Z', 10, { end: '2025-01-03T12:00:00Z' });

    // Assess
    expect(runs).toEqual(['2025-01-02T00:00:00.000Z', '2025-01-03T00:00:00.000Z']);
  });

  it('is a fixed duration across DST (24 hours, not a calendar day)', () => {
    // Act: Europe/Paris springs forward on 2025-03-30.
    const runs = take('rate(1 day)', '2025-03-29T00:00:00Z', 2, {
      timezone: 'Europe/Paris',
      start: '2025-03-29T08:00:00Z',
    });

    // Assess
    expect(runs).toEqual(['2025-03-29T08:00:00.000Z', '2025-03-30T08:00:00.000Z']);
  });
});

describe('nextOccurrence: cron(...)', () => {
  it('runs weekdays at 09:00 in New York (AWS day numbers, ? and names)', () => {
    // Act: 2025-01-03 is a Friday.
    const runs = take('cron(0 9 ? * MON-FRI *)', '2025-01-03T15:00:00Z', 3, { timezone: 'America/New_York' });

    // Assess
    expect(runs).toEqual([
      '2025-01-06T14:00:00.000Z',
      '2025-01-07T14:00:00.000Z',
      '2025-01-08T14:00:00.000Z',
    ]);
  });

  it('shifts numeric AWS days of week (1 = Sunday)', () => {
    // Act: 2 = Monday in AWS.
    const runs = take('cron(30 6 ? * 2 *)', '2025-01-01T00:00:00Z', 2);

    // Assess
    expect(runs).toEqual(['2025-01-06T06:30:00.000Z', '2025-01-13T06:30:00.000Z']);
  });

  it('supports L in day-of-month and in day-of-week, and # for the nth weekday', () => {
    // Act
    const lastDay = take('cron(0 12 L * ? *)', '2025-01-15T00:00:00Z', 2);
    const lastFriday = take('cron(0 12 ? * 6L *)', '2025-01-01T00:00:00Z', 2);
    const secondTuesday = take('cron(0 12 ? * 3#2 *)', '2025-01-01T00:00:00Z', 2);

    // Assess
    expect(lastDay).toEqual(['2025-01-31T12:00:00.000Z', '2025-02-28T12:00:00.000Z']);
    expect(lastFriday).toEqual(['2025-01-31T12:00:00.000Z', '2025-02-28T12:00:00.000Z']);
    expect(secondTuesday).toEqual(['2025-01-14T12:00:00.000Z', '2025-02-11T12:00:00.000Z']);
  });

  it('honours the year field', () => {
    // Act
    const runs = take('cron(0 0 1 1 ? 2027-2028)', '2025-06-01T00:00:00Z', 5);
    const stepped = take('cron(0 0 1 1 ? 2026/2)', '2025-06-01T00:00:00Z', 3);

    // Assess
    expect(runs).toEqual(['2027-01-01T00:00:00.000Z', '2028-01-01T00:00:00.000Z']);
    expect(stepped).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2028-01-01T00:00:00.000Z',
      '2030-01-01T00:00:00.000Z',
    ]);
  });

  it('skips a wall time that DST removes and runs a repeated one once, like EventBridge Scheduler', () => {
    // Act: Europe/Paris has no 02:30 on 2025-03-30 and two on 2025-10-26.
    const spring = take('cron(30 2 * * ? *)', '2025-03-29T00:00:00Z', 2, { timezone: 'Europe/Paris' });
    const autumn = take('cron(30 2 * * ? *)', '2025-10-25T00:00:00Z', 3, { timezone: 'Europe/Paris' });

    // Assess
    expect(spring).toEqual(['2025-03-29T01:30:00.000Z', '2025-03-31T00:30:00.000Z']);
    expect(autumn).toEqual([
      '2025-10-25T00:30:00.000Z',
      '2025-10-26T00:30:00.000Z',
      '2025-10-27T01:30:00.000Z',
    ]);
  });

  it('keeps the local hour across DST (09:00 Paris is 08:00 UTC in winter, 07:00 in summer)', () => {
    // Act
    const runs = take('cron(0 9 * * ? *)', '2025-03-29T12:00:00Z', 2, { timezone: 'Europe/Paris' });

    // Assess
    expect(runs).toEqual(['2025-03-30T07:00:00.000Z', '2025-03-31T07:00:00.000Z']);
  });

  it('respects start and end', () => {
    // Act
    const runs = take('cron(0 * * * ? *)', '2025-01-01T00:00:00Z', 10, {
      start: '2025-01-01T05:30:00Z',
      end: '2025-01-01T08:00:00Z',
    });

    // Assess
    expect(runs).toEqual([
      '2025-01-01T06:00:00.000Z',
      '2025-01-01T07:00:00.000Z',
      '2025-01-01T08:00:00.000Z',
    ]);
  });

  it('rejects W with a clear error', () => {
    // Act
    const compile = () => compileRecurrence({ expression: 'cron(0 9 15W * ? *)' }, anchor);

    // Assess
    expect(compile).toThrow(UnsupportedRecurrenceError);
    expect(compile).toThrow('W (nearest weekday) is not supported');
  });

  it('rejects an invalid expression with the reason', () => {
    // Act
    const compile = () => compileRecurrence({ expression: 'cron(0 9 * * * *)' }, anchor);

    // Assess
    expect(compile).toThrow('exactly one of day-of-month and day-of-week');
  });

  it('rejects out-of-range values', () => {
    // Act
    const compile = () => compileRecurrence({ expression: 'cron(75 9 * * ? *)' }, anchor);

    // Assess
    expect(compile).toThrow(UnsupportedRecurrenceError);
  });
});

describe('zoned time', () => {
  it('converts wall times around DST', () => {
    // Act
    const gap = fromLocal({ year: 2025, month: 3, day: 30, hour: 2, minute: 30, second: 0 }, 'Europe/Paris');
    const repeated = fromLocal(
      { year: 2025, month: 10, day: 26, hour: 2, minute: 30, second: 0 },
      'Europe/Paris'
    );

    // Assess
    expect(gap.toISOString()).toBe('2025-03-30T01:30:00.000Z');
    expect(repeated.toISOString()).toBe('2025-10-26T00:30:00.000Z');
    expect(offsetAt(new Date('2025-07-01T00:00:00Z'), 'Asia/Kolkata')).toBe(19_800_000);
  });
});
