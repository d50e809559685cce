import type { z } from 'zod';
import { formatValidationError } from './validation/format-validation-error';

/**
 * Thrown by {@link parseWith} when a value does not match its schema. The message names every failing
 * path with what was expected and what was found; `issues` keeps zod's structured issues for callers
 * that need them (metrics, DLQ reasons). It is a permanent error: retrying the same input cannot help.
 *
 * @example
 * ```ts
 * try {
 *   parseWith(VigilAlertSchema, value, 'Vigil alert');
 * } catch (error) {
 *   if (error instanceof SchemaValidationError) console.error(error.message);
 * }
 * ```
 */
export class SchemaValidationError extends Error {
  /** What was being parsed, e.g. `CloudTrail record` (first words of the message). */
  readonly what: string;
  /** zod's issues, unchanged. */
  readonly issues: z.core.$ZodIssue[];

  constructor(what: string, error: z.ZodError, input?: unknown, options?: { cause?: unknown }) {
    super(`invalid ${what}: ${formatValidationError(error, input)}`, { cause: options?.cause ?? error });
    this.name = 'SchemaValidationError';
    this.what = what;
    this.issues = error.issues;
  }
}
