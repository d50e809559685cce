import * as z from 'zod';
import { IsoDateTimeWithOffsetSchema } from '../common/primitives';
import { parseRecurrenceExpression } from './recurrence-expression';

/**
 * Whether `name` is an IANA time zone this runtime knows (`Europe/Paris`, `UTC`...).
 *
 * @example
 * ```ts
 * isIanaTimeZone('America/New_York'); // true
 * ```
 */
export function isIanaTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name. */
export const IanaTimeZoneSchema = z
  .string()
  .refine(isIanaTimeZone, 'expected an IANA time zone such as Europe/Paris');

/** An `at(...)`, `rate(...)` or `cron(...)` expression (see `parseRecurrenceExpression`). */
export const RecurrenceExpressionSchema = z.string().superRefine((expression, ctx) => {
  const result = parseRecurrenceExpression(expression);
  if (!result.ok) ctx.addIssue({ code: 'custom', message: result.reason, input: expression });
});

/**
 * When a job recurs: an expression, the IANA time zone its wall-clock times are in (UTC when absent),
 * and an optional window outside which no occurrence is scheduled.
 *
 * @example
 * ```ts
 * RecurrenceSchema.parse({ expression: 'cron(0 9 ? * MON-FRI *)', timezone: 'Europe/Paris' });
 * ```
 */
export const RecurrenceSchema = z
  .object({
    expression: RecurrenceExpressionSchema,
    timezone: IanaTimeZoneSchema.optional(),
    start: IsoDateTimeWithOffsetSchema.optional(),
    end: IsoDateTimeWithOffsetSchema.optional(),
  })
  .refine((r) => r.start === undefined || r.end === undefined || Date.parse(r.start) < Date.parse(r.end), {
    message: 'expected start before end',
    path: ['end'],
  });
export type Recurrence = z.infer<typeof RecurrenceSchema>;
