/** A parsed `at(...)`, `rate(...)` or `cron(...)` expression (EventBridge Scheduler syntax). */
export type RecurrenceExpression =
  | { kind: 'at'; localDateTime: string }
  | { kind: 'rate'; value: number; unit: 'minute' | 'hour' | 'day' }
  | {
      kind: 'cron';
      minutes: string;
      hours: string;
      dayOfMonth: string;
      month: string;
      dayOfWeek: string;
      year: string;
    };

/** Either the parsed expression or why it is invalid. */
export type RecurrenceExpressionResult =
  | { ok: true; value: RecurrenceExpression }
  | { ok: false; reason: string };

const AT = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/;
const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\((.*)\)$/;
const CRON_FIELD = /^[0-9A-Za-z*?,/#L-]+$/;

/**
 * Parses an EventBridge Scheduler expression: `at(yyyy-mm-ddThh:mm:ss)` (local time in the job's
 * time zone), `rate(value unit)` (unit singular when value is 1, plural otherwise, as AWS requires) or
 * `cron(minutes hours day-of-month month day-of-week year)` (one of the two day fields must be `?`).
 * Checks syntax only; computing occurrences is the scheduler's job.
 *
 * @example
 * ```ts
 * parseRecurrenceExpression('rate(5 minutes)'); // { ok: true, value: { kind: 'rate', value: 5, unit: 'minute' } }
 * parseRecurrenceExpression('cron(0 9 * * ? *)').ok; // false: day-of-month and day-of-week both set
 * ```
 */
export function parseRecurrenceExpression(expression: string): RecurrenceExpressionResult {
  const at = AT.exec(expression);
  if (at) return parseAt(expression, at);
  const rate = RATE.exec(expression);
  if (rate) return parseRate(rate);
  const cron = CRON.exec(expression);
  if (cron) return parseCron(cron[1] ?? '');
  return { ok: false, reason: 'expected at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(6 fields)' };
}

function parseAt(expression: string, match: RegExpExecArray): RecurrenceExpressionResult {
  const [, y, mo, d, h, mi, s] = match.map(Number);
  const date = new Date(Date.UTC(y ?? 0, (mo ?? 0) - 1, d ?? 0, h ?? 0, mi ?? 0, s ?? 0));
  const valid =
    date.getUTCFullYear() === y &&
    date.getUTCMonth() + 1 === mo &&
    date.getUTCDate() === d &&
    date.getUTCHours() === h &&
    date.getUTCMinutes() === mi &&
    date.getUTCSeconds() === s;
  if (!valid) return { ok: false, reason: 'at(...) holds an impossible date or time' };
  return { ok: true, value: { kind: 'at', localDateTime: expression.slice(3, -1) } };
}

function parseRate(match: RegExpExecArray): RecurrenceExpressionResult {
  const value = Number(match[1]);
  const unitWord = match[2] ?? '';
  if (value < 1) return { ok: false, reason: 'rate(...) needs a value of at least 1' };
  const plural = unitWord.endsWith('s');
  if (value === 1 && plural)
    return { ok: false, reason: `rate(1 ...) takes a singular unit: ${unitWord.slice(0, -1)}` };
  if (value > 1 && !plural)
    return { ok: false, reason: `rate(${value} ...) takes a plural unit: ${unitWord}s` };
  const unit = (plural ? unitWord.slice(0, -1) : unitWord) as 'minute' | 'hour' | 'day';
  return { ok: true, value: { kind: 'rate', value, unit } };
}

function parseCron(body: string): RecurrenceExpressionResult {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) {
    return {
      ok: false,
      reason: `cron(...) needs 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`,
    };
  }
  const bad = fields.find((field) => !CRON_FIELD.test(field));
  if (bad !== undefined)
    return { ok: false, reason: `cron(...) field ${JSON.stringify(bad)} has invalid characters` };
  const [minutes = '', hours = '', dayOfMonth = '', month = '', dayOfWeek = '', year = ''] = fields;
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    return { ok: false, reason: 'cron(...) needs exactly one of day-of-month and day-of-week to be ?' };
  }
  return { ok: true, value: { kind: 'cron', minutes, hours, dayOfMonth, month, dayOfWeek, year } };
}
