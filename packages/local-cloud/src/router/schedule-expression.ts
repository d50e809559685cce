import { UnsupportedTemplateError } from '../errors';

/** A parsed `rate(...)` or `cron(...)` schedule expression (EventBridge syntax, UTC). */
export type ScheduleExpression =
  | { kind: 'rate'; periodMs: number }
  | {
      kind: 'cron';
      minutes: Set<number>;
      hours: Set<number>;
      days: DayMatcher;
      months: Set<number>;
      years?: Set<number>;
    };

type DayMatcher = (date: Date) => boolean;

const RATE_UNITS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

function fail(expression: string, reason: string): never {
  throw new UnsupportedTemplateError(`schedule ${expression}`, reason);
}

function parseField(
  expression: string,
  field: string,
  min: number,
  max: number,
  names: string[] = []
): Set<number> {
  const values = new Set<number>();
  const toNumber = (text: string): number => {
    const named = names.indexOf(text.toUpperCase());
    const value = named >= 0 ? named + min : Number(text);
    if (!Number.isInteger(value) || value < min || value > max)
      fail(expression, `${text} is out of range ${min}-${max}`);
    return value;
  };
  for (const part of field.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) fail(expression, `bad step in ${part}`);
    let [from, to] = [min, max];
    if (range !== '*') {
      const [start = '', end] = range.split('-');
      from = toNumber(start);
      to = end === undefined ? (stepText === undefined ? from : max) : toNumber(end);
    }
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return values;
}

function lastDayOfMonth(date: Date): number {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
}

function parseDays(expression: string, dayOfMonth: string, dayOfWeek: string): DayMatcher {
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    fail(expression, 'exactly one of day-of-month and day-of-week must be ?');
  }
  if (dayOfMonth === 'L') return (date) => date.getUTCDate() === lastDayOfMonth(date);
  if (dayOfMonth !== '?') {
    if (/[LW#]/.test(dayOfMonth)) fail(expression, `day-of-month ${dayOfMonth} is not supported locally`);
    const days = parseField(expression, dayOfMonth, 1, 31);
    return (date) => days.has(date.getUTCDate());
  }
  const nth = /^(\w+)#([1-5])$/.exec(dayOfWeek);
  if (nth !== null) {
    const [weekday] = parseField(expression, nth[1] ?? '', 1, 7, WEEKDAYS);
    const occurrence = Number(nth[2]);
    return (date) => date.getUTCDay() + 1 === weekday && Math.ceil(date.getUTCDate() / 7) === occurrence;
  }
  if (/[LW]/.test(dayOfWeek)) fail(expression, `day-of-week ${dayOfWeek} is not supported locally`);
  const weekdays = parseField(expression, dayOfWeek, 1, 7, WEEKDAYS);
  return (date) => weekdays.has(date.getUTCDay() + 1);
}

/**
 * Parses `rate(5 minutes)` or `cron(0 12 * * ? *)` (six fields, UTC, day-of-week 1 = Sunday).
 * Throws `UnsupportedTemplateError` for invalid expressions and the rare `W`/`L` weekday forms.
 *
 * @example
 * parseScheduleExpression('rate(1 hour)') // { kind: 'rate', periodMs: 3600000 }
 */
export function parseScheduleExpression(expression: string): ScheduleExpression {
  const rate = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression.trim());
  if (rate !== null) {
    const value = Number(rate[1]);
    if (value < 1) fail(expression, 'rate must be positive');
    return { kind: 'rate', periodMs: value * (RATE_UNITS[rate[2] ?? ''] ?? 0) };
  }
  const cron = /^cron\((.+)\)$/.exec(expression.trim());
  if (cron === null) fail(expression, 'expected rate(...) or cron(...)');
  const fields = (cron[1] ?? '').trim().split(/\s+/);
  if (fields.length !== 6)
    fail(expression, 'cron needs 6 fields: minutes hours day-of-month month day-of-week year');
  const [minutes = '', hours = '', dayOfMonth = '', month = '', dayOfWeek = '', year = ''] = fields;
  return {
    kind: 'cron',
    minutes: parseField(expression, minutes, 0, 59),
    hours: parseField(expression, hours, 0, 23),
    days: parseDays(expression, dayOfMonth, dayOfWeek),
    months: parseField(expression, month, 1, 12, MONTHS),
    ...(year === '*' ? {} : { years: parseField(expression, year, 1970, 2199) }),
  };
}

const MAX_DAYS_AHEAD = 366 * 5;

/**
 * The first fire time strictly after `after`. Rates count from `anchor` (when the rule was created).
 * Returns undefined when a cron never fires again.
 *
 * @example
 * nextFireTime(parseScheduleExpression('cron(0 12 * * ? *)'), new Date('2024-01-01T13:00:00Z'), anchor)
 * // 2024-01-02T12:00:00.000Z
 */
export function nextFireTime(schedule: ScheduleExpression, after: Date, anchor: Date): Date | undefined {
  if (schedule.kind === 'rate') {
    const elapsed = after.getTime() - anchor.getTime();
    const periods = Math.max(0, Math.floor(elapsed / schedule.periodMs) + 1);
    return new Date(anchor.getTime() + periods * schedule.periodMs);
  }
  const start = new Date(Math.floor(after.getTime() / 60_000) * 60_000 + 60_000);
  const day = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
  for (let offset = 0; offset < MAX_DAYS_AHEAD; offset += 1) {
    const candidate = new Date(day.getTime() + offset * 86_400_000);
    const isDayMatch =
      schedule.months.has(candidate.getUTCMonth() + 1) &&
      (schedule.years === undefined || schedule.years.has(candidate.getUTCFullYear())) &&
      schedule.days(candidate);
    if (!isDayMatch) continue;
    for (const hour of [...schedule.hours].sort((a, b) => a - b)) {
      for (const minute of [...schedule.minutes].sort((a, b) => a - b)) {
        const time = new Date(candidate.getTime() + hour * 3_600_000 + minute * 60_000);
        if (time >= start) return time;
      }
    }
  }
  return undefined;
}
