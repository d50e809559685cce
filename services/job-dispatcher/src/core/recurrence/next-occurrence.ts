import { parseRecurrenceExpression, type Recurrence } from '@vigil/event-schema';
import { UnsupportedRecurrenceError } from '../../errors';
import { type AwsCron, nextCronOccurrence, parseAwsCron } from './aws-cron';
import { fromLocal } from './zoned-time';

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/** A recurrence ready to compute occurrences (parse once, ask many times). */
export type CompiledRecurrence = {
  recurrence: Recurrence;
  /** The first occurrence strictly after `after` within [start, end], or undefined when there is none left. */
  next(after: Date): Date | undefined;
};

function bounded(recurrence: Recurrence, compute: (after: Date) => Date | undefined) {
  const start = recurrence.start === undefined ? undefined : new Date(recurrence.start);
  const end = recurrence.end === undefined ? undefined : new Date(recurrence.end);
  return (after: Date): Date | undefined => {
    const from =
      start !== undefined && start.getTime() - 1 > after.getTime() ? new Date(start.getTime() - 1) : after;
    const next = compute(from);
    if (next === undefined || (end !== undefined && next.getTime() > end.getTime())) return undefined;
    return next;
  };
}

/**
 * Compiles an EventBridge Scheduler expression with its time zone (UTC when absent) and window:
 * - `at(yyyy-mm-ddThh:mm:ss)`: once, at that wall time in the zone;
 * - `rate(n unit)`: every n minutes/hours/days from `anchor` (the recurrence start, else the job's creation);
 *   a fixed duration, so DST does not bend it;
 * - `cron(min hour dom month dow year)`: in the zone; see `nextCronOccurrence` for DST and the rejected `W`.
 *
 * @throws UnsupportedRecurrenceError when the expression is invalid or cannot be computed
 */
export function compileRecurrence(recurrence: Recurrence, anchor: Date): CompiledRecurrence {
  const parsed = parseRecurrenceExpression(recurrence.expression);
  if (!parsed.ok) throw new UnsupportedRecurrenceError(`${recurrence.expression}: ${parsed.reason}`);
  const timeZone = recurrence.timezone ?? 'UTC';
  const expression = parsed.value;
  if (expression.kind === 'at') {
    const [date = '', time = ''] = expression.localDateTime.split('T');
    const [year, month, day] = date.split('-').map(Number);
    const [hour, minute, second] = time.split(':').map(Number);
    const when = fromLocal(
      {
        year: year ?? 0,
        month: month ?? 0,
        day: day ?? 0,
        hour: hour ?? 0,
        minute: minute ?? 0,
        second: second ?? 0,
      },
      timeZone
    );
    return {
      recurrence,
      next: bounded(recurrence, (after) => (when.getTime() > after.getTime() ? when : undefined)),
    };
  }
  if (expression.kind === 'rate') {
    const period = expression.value * UNIT_MS[expression.unit];
    const origin = recurrence.start === undefined ? anchor.getTime() : new Date(recurrence.start).getTime();
    // With an explicit start the first run is at the start; otherwise one period after creation.
    const firstIndex = recurrence.start === undefined ? 1 : 0;
    const next = (after: Date) => {
      const index = Math.max(firstIndex, Math.floor((after.getTime() - origin) / period) + 1);
      return new Date(origin + index * period);
    };
    return { recurrence, next: bounded(recurrence, next) };
  }
  const cron: AwsCron = parseAwsCron([
    expression.minutes,
    expression.hours,
    expression.dayOfMonth,
    expression.month,
    expression.dayOfWeek,
    expression.year,
  ]);
  return { recurrence, next: bounded(recurrence, (after) => nextCronOccurrence(cron, after, timeZone)) };
}

/**
 * The first occurrence of `recurrence` strictly after `after`.
 *
 * @throws UnsupportedRecurrenceError when the expression is invalid or cannot be computed
 */
export function nextOccurrence(recurrence: Recurrence, after: Date, anchor: Date): Date | undefined {
  return compileRecurrence(recurrence, anchor).next(after);
}
