import path from 'node:path';
import { parseEnv } from '@vigil/lambda-kit';
import { z } from 'zod';

const NAME = z.string().min(1);

/** The environment the Lambda functions read (set in serverless.yml). */
export const ConfigSchema = z.object({
  STAGE: NAME,
  ALERT_TOPIC_ARN: z.string().startsWith('arn:', 'expected an SNS topic ARN'),
  /** Topic of the alerts of `vigil backfill` (params.backfillAlertTopicArn); empty → ALERT_TOPIC_ARN. */
  BACKFILL_ALERT_TOPIC_ARN: z
    .union([
      z.literal('').transform(() => undefined),
      z.string().startsWith('arn:', 'expected an SNS topic ARN'),
    ])
    .optional(),
  EVENT_BUS_NAME: NAME,
  IDEMPOTENCY_TABLE_NAME: NAME,
  RULE_STATE_TABLE_NAME: NAME,
  PRINCIPALS_TABLE_NAME: NAME,
  WATCHLIST_TABLE_NAME: NAME,
  ACCOUNTS_TABLE_NAME: NAME,
  /** The log-file DLQ: objects that fail permanently are parked there with the reason (see ingest-log-files). */
  LOG_FILE_DLQ_URL: z.url(),
  /**
   * Folder of the built-in rule pack: absolute, or relative to the function's code root (`LAMBDA_TASK_ROOT`,
   * where serverless.yml packages `rules/**` next to `src/handlers/*.js`), never to the working directory.
   */
  RULES_DIR: NAME.default('rules'),
  /** Set by Lambda (`/var/task`); absent elsewhere (tests, serverless-offline), where the cwd is used. */
  LAMBDA_TASK_ROOT: NAME.optional(),
  /** Cap on a log object's uncompressed size; bigger objects fail as `LOG_TOO_LARGE`. */
  MAX_UNCOMPRESSED_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 ** 3),
  /** How long the watchlist (runtime rules) is cached in a warm Lambda. */
  WATCHLIST_CACHE_SECONDS: z.coerce.number().int().nonnegative().default(60),
  /** How long a processed log object is remembered (powertools idempotency). */
  IDEMPOTENCY_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(7 * 86_400),
  /** How long a published alert id is remembered, so a late redelivery or the real-time twin stays quiet. */
  ALERT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(7 * 86_400),
  /** An alert claim older than this without delivery is taken over (its Lambda died): > function timeout. */
  ALERT_CLAIM_STALE_SECONDS: z.coerce.number().int().positive().default(900),
  /** Issued keys are kept this long past their expiration (log files arrive minutes after the calls). */
  PRINCIPAL_GRACE_SECONDS: z.coerce.number().int().nonnegative().default(3_600),
});
export type Config = z.infer<typeof ConfigSchema>;

/** The absolute folder of the built-in rule pack. */
export function rulesDirOf(settings: Pick<Config, 'RULES_DIR' | 'LAMBDA_TASK_ROOT'>): string {
  return path.resolve(settings.LAMBDA_TASK_ROOT ?? process.cwd(), settings.RULES_DIR);
}

/** Validates the environment; throws `ConfigError` naming each bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  return parseEnv(ConfigSchema, env);
}

/** The functions' configuration, read once at cold start. */
export const config: Config = parseConfig(process.env);
