import type { z } from 'zod';
import { ConfigError, type ConfigProblem } from './errors';
import { describeValidationError } from './format-validation-error';

/**
 * Validates environment variables with a zod schema, returning the typed config or throwing a
 * `ConfigError` that names every bad variable (`ALERT_TOPIC_ARN: required`). Values are never echoed:
 * env variables may hold secrets.
 *
 * @example
 * ```ts
 * const ConfigSchema = z.object({ ALERT_TOPIC_ARN: z.string().startsWith('arn:'), BATCH: z.coerce.number() });
 * export const parseConfig = (env: NodeJS.ProcessEnv) => parseEnv(ConfigSchema, env);
 * export const config = parseConfig(process.env);
 * ```
 */
export function parseEnv<TSchema extends z.ZodType>(
  schema: TSchema,
  env: Record<string, string | undefined> = process.env
): z.output<TSchema> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(toProblems(result.error, env), { cause: result.error });
}

function toProblems(error: z.ZodError, env: Record<string, string | undefined>): ConfigProblem[] {
  const byVariable = new Map<string, string[]>();
  for (const problem of describeValidationError(error, { input: env, showValues: false }) ?? []) {
    const variable = problem.key === undefined ? '(environment)' : String(problem.key);
    const reasons = byVariable.get(variable) ?? [];
    reasons.push(problem.reason);
    byVariable.set(variable, reasons);
  }
  return [...byVariable].map(([variable, reasons]) => ({ variable, reason: reasons.join(', ') }));
}
