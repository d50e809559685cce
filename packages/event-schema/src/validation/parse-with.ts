import type { z } from 'zod';
import { SchemaValidationError } from '../errors';

/**
 * Parses `value` with `schema` and returns the typed output, or throws a {@link SchemaValidationError}
 * whose message reads like `invalid Security Hub event: detail.findings[0].Severity.Label: expected one
 * of INFORMATIONAL|LOW|MEDIUM|HIGH|CRITICAL, got "SEVERE"`.
 *
 * @param schema the zod schema to apply
 * @param value untrusted input
 * @param what a few words naming the input, used to start the error message
 *
 * @example
 * ```ts
 * const record = parseWith(CloudTrailRecordSchema, JSON.parse(line), 'CloudTrail record');
 * ```
 */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw new SchemaValidationError(what, result.error, value);
}
