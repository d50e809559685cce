import { parseEnv } from '@vigil/lambda-kit';
import { z } from 'zod';

const list = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '')
  );

/** The job dispatcher's environment. */
export const ConfigSchema = z.object({
  STAGE: z.string().min(1).default('dev'),
  JOBS_TABLE_NAME: z.string().min(1),
  STATE_TABLE_NAME: z.string().min(1),
  /** The stage's bus: jobs without a target bus, and the `Vigil Scheduler Paused` event. */
  EVENT_BUS_NAME: z.string().min(1),
  /** Other buses jobs may target (names or ARNs); the dispatcher's IAM policy allows exactly these. */
  TARGET_BUS_NAMES: list,
  DLQ_URL: z.string().min(1),
  PAUSE_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  DEFAULT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(185).default(10),
  DEFAULT_MAX_EVENT_AGE_SECONDS: z.coerce.number().int().min(60).max(86_400).default(86_400),
  PUBLISH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  SAFETY_MARGIN_MS: z.coerce.number().int().min(1000).default(10_000),
  MAX_BUCKETS_PER_TICK: z.coerce.number().int().min(2).default(120),
});
export type Config = z.infer<typeof ConfigSchema>;

/** Parses the environment; throws `ConfigError` naming each bad variable. */
export const parseConfig = (env: Record<string, string | undefined>): Config => parseEnv(ConfigSchema, env);

/** The environment the scheduling API needs (a subset: it never publishes). */
export const ApiConfigSchema = ConfigSchema.pick({
  JOBS_TABLE_NAME: true,
  EVENT_BUS_NAME: true,
  TARGET_BUS_NAMES: true,
});
export type ApiConfig = z.infer<typeof ApiConfigSchema>;
export const parseApiConfig = (env: Record<string, string | undefined>): ApiConfig =>
  parseEnv(ApiConfigSchema, env);
