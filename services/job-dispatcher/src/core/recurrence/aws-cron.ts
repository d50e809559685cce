import { CronExpressionParser } from 'cron-parser';
import { UnsupportedRecurrenceError } from '../../errors';
import { fromLocal, toLocal } from './zoned-time';

/** EventBridge Scheduler accepts years 1970-2199. */
const MAX_YEAR = 2199;

const FIELD_SYNTAX: Record<string, RegExp> = {
  minutes: /^[0-9,*/-]+$/,
  hours: /^[0-9,*/-]+$/,
  dayOfMonth: /^[0-9,*/?LW-]+$/,
  month: /^[0-9A-Za-z,*/-]+$/,
  dayOfWeek: /^[0-9A-Za-z,*/?L#-]+$/,
  year: /^[0-9,*/-]+$/,
};

/** A parsed AWS cron: the cron-parser expression (seconds first, 0 = Sunday) and the year filter. */
export type AwsCron = { expression: string; isYearAllowed: (year: number) => boolean; fields: string[] };

function shiftDay(value: string): string {
  // AWS numbers days 1 (SUN) to 7 (SAT); cron-parser 0 (SUN) to 6 (SAT). Names need no shift.
  return /^\d+$/.test(value) ? String(Number(value) - 1) : value;
}

function translateDayOfWeekToken(token: string): string {
  if (token === '?' || token === '*') return '*';
  if (token === 'L') return '6';
  const last = /^(\w+)L$/.exec(token);
  if (last?.[1] !== undefined) return `${shiftDay(last[1]) === '0' ? '7' : shiftDay(last[1])}L`;
  const nth = /^(\w+)#([1-5])$/.exec(token);
  if (nth?.[1] !== undefined) return `${shiftDay(nth[1])}#${nth[2]}`;
  const [range = '', step] = token.split('/');
  const shifted = range === '*' ? '*' : range.split('-').map(shiftDay).join('-');
  return step === undefined ? shifted : `${shifted}/${step}`;
}

function translateDayOfMonth(field: string): string {
  if (field.includes('W')) {
    throw new UnsupportedRecurrenceError(`cron day-of-month ${field}: W (nearest weekday) is not supported`);
  }
  return field === '?' ? '*' : field;
}

function parseYearFilter(field: string): (year: number) => boolean {
  const tests = field.split(',').map((token): ((year: number) => boolean) => {
    const match = /^(\*|\d{4})(?:-(\d{4}))?(?:\/(\d+))?$/.exec(token);
    if (match === null) throw new UnsupportedRecurrenceError(`cron year ${field}: cannot read ${token}`);
    const from = match[1] === '*' ? 1970 : Number(match[1]);
    const to = match[2] !== undefined ? Number(match[2]) : match[1] === '*' || match[3] ? MAX_YEAR : from;
    const step = match[3] === undefined ? 1 : Number(match[3]);
    if (from < 1970 || to > MAX_YEAR || to < from || step < 1) {
      throw new UnsupportedRecurrenceError(`cron year ${field}: ${token} is outside 1970-2199`);
    }
    return (year) => year >= from && year <= to && (year - from) % step === 0;
  });
  return (year) => tests.some((test) => test(year));
}

/**
 * Translates an EventBridge Scheduler cron (`minutes hours day-of-month month day-of-week year`) for
 * cron-parser: `?` becomes `*`, days of week shift from 1-7 to 0-6, `L` and `#` carry over, the year becomes
 * a filter. `W` (nearest weekday) has no cron-parser counterpart and is rejected.
 */
export function parseAwsCron(fields: string[]): AwsCron {
  if (fields.length !== 6) throw new UnsupportedRecurrenceError(`cron needs 6 fields, got ${fields.length}`);
  const [minutes = '', hours = '', dayOfMonth = '', month = '', dayOfWeek = '', year = ''] = fields;
  const named = { minutes, hours, dayOfMonth, month, dayOfWeek, year };
  for (const [name, value] of Object.entries(named)) {
    if (!FIELD_SYNTAX[name]?.test(value))
      throw new UnsupportedRecurrenceError(`cron ${name} ${value}: invalid`);
  }
  const dow = dayOfWeek.split(',').map(translateDayOfWeekToken).join(',');
  const expression = `0 ${minutes} ${hours} ${translateDayOfMonth(dayOfMonth)} ${month} ${dow}`;
  try {
    CronExpressionParser.parse(expression, { tz: 'UTC' });
  } catch (error) {
    throw new UnsupportedRecurrenceError(`cron(${fields.join(' ')}): ${(error as Error).message}`, {
      cause: error,
    });
  }
  return { expression, isYearAllowed: parseYearFilter(year), fields };
}

/**
 * The first occurrence of `cron` strictly after `after`, in `timeZone`, or undefined when there is none
 * (the year filter excludes every later year). Like EventBridge Scheduler, a wall time skipped by a DST
 * change is skipped, and a repeated one runs once.
 */
export function nextCronOccurrence(cron: AwsCron, after: Date, timeZone: string): Date | undefined {
  let from = after;
  for (let guard = 0; guard < 500; guard += 1) {
    const iterator = CronExpressionParser.parse(cron.expression, { currentDate: from, tz: timeZone });
    const { hour, minute } = iterator.fields;
    if (!iterator.hasNext()) return undefined;
    const candidate = iterator.next().toDate();
    const local = toLocal(candidate, timeZone);
    if (!cron.isYearAllowed(local.year)) {
      const nextYear = firstAllowedYear(cron, local.year + 1);
      if (nextYear === undefined) return undefined;
      const newYear = fromLocal(
        { year: nextYear, month: 1, day: 1, hour: 0, minute: 0, second: 0 },
        timeZone
      );
      from = new Date(newYear.getTime() - 1000);
      continue;
    }
    // cron-parser moves a time skipped by spring-forward to after the gap; EventBridge Scheduler skips it.
    const matchesWallClock =
      (hour.values as number[]).includes(local.hour) && (minute.values as number[]).includes(local.minute);
    if (matchesWallClock) return candidate;
    from = candidate;
  }
  return undefined;
}

function firstAllowedYear(cron: AwsCron, from: number): number | undefined {
  for (let year = from; year <= MAX_YEAR; year += 1) if (cron.isYearAllowed(year)) return year;
  return undefined;
}
