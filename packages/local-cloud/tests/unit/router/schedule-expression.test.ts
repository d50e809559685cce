import { UnsupportedTemplateError } from '../../../src/errors';
import { nextFireTime, parseScheduleExpression } from '../../../src/router/schedule-expression';

const at = (iso: string) => new Date(iso);

describe('parseScheduleExpression', () => {
  it('parses rates in minutes, hours and days', () => {
    // Act
    const periods = ['rate(1 minute)', 'rate(5 minutes)', 'rate(2 hours)', 'rate(1 day)'].map((e) =>
      parseScheduleExpression(e)
    );

    // Assess
    expect(periods).toEqual([
      { kind: 'rate', periodMs: 60_000 },
      { kind: 'rate', periodMs: 300_000 },
      { kind: 'rate', periodMs: 7_200_000 },
      { kind: 'rate', periodMs: 86_400_000 },
    ]);
  });

  it('rejects malformed expressions and unsupported day forms', () => {
    // Act
    const bad = [
      'every 5 minutes',
      'cron(0 12 * * *)',
      'cron(0 12 * * * *)',
      'cron(0 12 1W * ? *)',
      'cron(61 * * * ? *)',
    ];

    // Assess
    for (const expression of bad)
      expect(() => parseScheduleExpression(expression)).toThrow(UnsupportedTemplateError);
  });
});

describe('nextFireTime', () => {
  it('counts rates from the anchor', () => {
    // Prepare
    const schedule = parseScheduleExpression('rate(5 minutes)');
    const anchor = at('2024-01-01T00:00:30Z');

    // Act
    const next = nextFireTime(schedule, at('2024-01-01T00:07:00Z'), anchor);

    // Assess
    expect(next).toEqual(at('2024-01-01T00:10:30Z'));
  });

  it('finds the next daily cron time in UTC', () => {
    // Prepare
    const schedule = parseScheduleExpression('cron(0 12 * * ? *)');

    // Act
    const sameDay = nextFireTime(schedule, at('2024-01-01T11:59:00Z'), at('2024-01-01T00:00:00Z'));
    const nextDay = nextFireTime(schedule, at('2024-01-01T12:00:00Z'), at('2024-01-01T00:00:00Z'));

    // Assess
    expect(sameDay).toEqual(at('2024-01-01T12:00:00Z'));
    expect(nextDay).toEqual(at('2024-01-02T12:00:00Z'));
  });

  it('honours weekday names (1 = Sunday), steps, last day of month and nth weekday', () => {
    // Prepare
    const anchor = at('2024-01-01T00:00:00Z');

    // Act
    const weekdays = nextFireTime(
      parseScheduleExpression('cron(0/15 9 ? * MON-FRI *)'),
      at('2024-01-06T10:00:00Z'),
      anchor
    );
    const sunday = nextFireTime(
      parseScheduleExpression('cron(30 8 ? * 1 *)'),
      at('2024-01-01T00:00:00Z'),
      anchor
    );
    const lastDay = nextFireTime(
      parseScheduleExpression('cron(0 0 L 2 ? *)'),
      at('2024-01-01T00:00:00Z'),
      anchor
    );
    const secondTuesday = nextFireTime(
      parseScheduleExpression('cron(0 6 ? * TUE#2 *)'),
      at('2024-01-01T00:00:00Z'),
      anchor
    );

    // Assess
    expect(weekdays).toEqual(at('2024-01-08T09:00:00Z'));
    expect(sunday).toEqual(at('2024-01-07T08:30:00Z'));
    expect(lastDay).toEqual(at('2024-02-29T00:00:00Z'));
    expect(secondTuesday).toEqual(at('2024-01-09T06:00:00Z'));
  });

  it('returns undefined when a cron year has passed', () => {
    // Act
    const next = nextFireTime(
      parseScheduleExpression('cron(0 0 1 1 ? 2020)'),
      at('2024-01-01T00:00:00Z'),
      at('2024-01-01T00:00:00Z')
    );

    // Assess
    expect(next).toBeUndefined();
  });
});
