import { parseEnv } from '@vigil/lambda-kit';
import { z } from 'zod';

const NAME = z.string().min(1);

/** The environment the functions read (set in serverless.yml). */
export const ConfigSchema = z.object({
  STAGE: NAME,
  FINDINGS_TABLE_NAME: NAME,
  EVENT_BUS_NAME: NAME,
  ALERT_TOPIC_ARN: z.string().startsWith('arn:', 'expected an SNS topic ARN'),
  /** Where a message that fails permanently is kept with its reason (each function has its own DLQ). */
  QUARANTINE_QUEUE_URL: z.url(),
  /** Vigil's account: correlated findings go to its default product (`AWS::AccountId` in serverless.yml). */
  ACCOUNT_ID: z.string().regex(/^\d{12}$/, 'expected a 12-digit account id'),
  AWS_REGION: NAME,
  PARTITION: NAME.default('aws'),
  /** Folder of the correlation rules, packaged next to the bundle. */
  CORRELATIONS_DIR: NAME.optional(),
  /** Findings and correlation records expire this many days after their last write (DynamoDB TTL). */
  FINDING_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** `organizations` (AWS Organizations, cached) or `none` (account ids only, e.g. outside an organization). */
  ENRICHMENT: z.enum(['organizations', 'none']).default('organizations'),
  ACCOUNT_CACHE_SECONDS: z.coerce.number().int().nonnegative().default(3_600),
  /** BatchImportFindings calls per second from one function instance (Security Hub: 10/s, burst 30). */
  IMPORT_RATE_PER_SECOND: z.coerce.number().positive().max(30).default(10),
});
export type Config = z.infer<typeof ConfigSchema>;

/** Validates the environment; throws `ConfigError` naming each bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  return parseEnv(ConfigSchema, env);
}

let cached: Config | undefined;

/**
 * The functions' configuration, read once per container on first use (the handler modules build their
 * runtime lazily, so tests can import them and point them at local-cloud first).
 */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
