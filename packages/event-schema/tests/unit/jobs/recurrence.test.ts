import { isIanaTimeZone, RecurrenceSchema } from '../../../src/jobs/recurrence';
import { parseRecurrenceExpression } from '../../../src/jobs/recurrence-expression';
import { parseWith } from '../../../src/validation/parse-with';

describe('parseRecurrenceExpression', () => {
  it.each([
    ['at(2024-05-14T18:00:00)', { kind: 'at', localDateTime: '2024-05-14T18:00:00' }],
    ['rate(1 minute)', { kind: 'rate', value: 1, unit: 'minute' }],
    ['rate(15 minutes)', { kind: 'rate', value: 15, unit: 'minute' }],
    ['rate(2 days)', { kind: 'rate', value: 2, unit: 'day' }],
    [
      'cron(0 9 ? * MON-FRI *)',
      {
        kind: 'cron',
        minutes: '0',
        hours: '9',
        dayOfMonth: '?',
        month: '*',
        dayOfWeek: 'MON-FRI',
        year: '*',
      },
    ],
    [
      'cron(0/15 * L * ? 2024-2030)',
      {
        kind: 'cron',
        minutes: '0/15',
        hours: '*',
        dayOfMonth: 'L',
        month: '*',
        dayOfWeek: '?',
        year: '2024-2030',
      },
    ],
  ])('parses %s', (expression, expected) => {
    // Prepare
    const input = expression;

    // Act
    const result = parseRecurrenceExpression(input);

    // Assess
    expect(result).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['rate(1 minutes)', 'rate(1 ...) takes a singular unit: minute'],
    ['rate(5 hour)', 'rate(5 ...) takes a plural unit: hours'],
    ['rate(0 minute)', 'rate(...) needs a value of at least 1'],
    [
      'cron(0 9 * * ? )',
      'cron(...) needs 6 fields (minutes hours day-of-month month day-of-week year), got 5',
    ],
    ['cron(0 9 * * MON *)', 'cron(...) needs exactly one of day-of-month and day-of-week to be ?'],
    ['cron(0 9 ; * ? *)', 'cron(...) field ";" has invalid characters'],
    ['at(2024-02-30T10:00:00)', 'at(...) holds an impossible date or time'],
    ['every day', 'expected at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(6 fields)'],
  ])('rejects %s', (expression, reason) => {
    // Prepare
    const input = expression;

    // Act
    const result = parseRecurrenceExpression(input);

    // Assess
    expect(result).toEqual({ ok: false, reason });
  });
});

describe('RecurrenceSchema', () => {
  it('accepts a cron with an IANA time zone and a window', () => {
    // Prepare
    const recurrence = {
      expression: 'cron(30 2 * * ? *)',
      timezone: 'Europe/Paris',
      start: '2024-03-01T00:00:00Z',
      end: '2024-12-31T23:59:59+01:00',
    };

    // Act
    const parsed = parseWith(RecurrenceSchema, recurrence, 'recurrence');

    // Assess
    expect(parsed).toEqual(recurrence);
  });

  it('explains an invalid expression', () => {
    // Prepare
    const recurrence = { expression: 'rate(1 hours)' };

    // Act
    const act = () => parseWith(RecurrenceSchema, recurrence, 'recurrence');

    // Assess
    expect(act).toThrow(
      'invalid recurrence: expression: rate(1 ...) takes a singular unit: hour, got "rate(1 hours)"'
    );
  });

  it('rejects an unknown time zone', () => {
    // Prepare
    const recurrence = { expression: 'rate(1 day)', timezone: 'Mars/Olympus_Mons' };

    // Act
    const act = () => parseWith(RecurrenceSchema, recurrence, 'recurrence');

    // Assess
    expect(act).toThrow('timezone: expected an IANA time zone such as Europe/Paris, got "Mars/Olympus_Mons"');
  });

  it('rejects an end before the start', () => {
    // Prepare
    const recurrence = {
      expression: 'rate(1 day)',
      start: '2024-06-01T00:00:00Z',
      end: '2024-05-01T00:00:00Z',
    };

    // Act
    const act = () => parseWith(RecurrenceSchema, recurrence, 'recurrence');

    // Assess
    expect(act).toThrow('end: expected start before end');
  });
});

describe('isIanaTimeZone', () => {
  it('knows zone names and rejects others', () => {
    // Prepare
    const names = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Europe/Atlantis', '+02:00x'];

    // Act
    const known = names.map(isIanaTimeZone);

    // Assess
    expect(known).toEqual([true, true, true, false, false]);
  });
});
