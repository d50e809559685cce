import path from 'node:path';
import { parseEnv } from '@vigil/lambda-kit';
import { z } from 'zod';

const NAME = z.string().min(1);

/** The environment the Lambda functions read (set in serverless.yml), field by field. */
const ConfigFieldsSchema = z.object({
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
   * The compiled built-in pack: one JSON file `sls package` writes from rules/** and ships instead of them.
   * Absolute, or relative to the code root (the folder holding `src/handlers/*.js`: /var/task in Lambda,
   * `.esbuild/.build` under serverless-offline and `sls invoke local`, which both fake LAMBDA_TASK_ROOT).
   * serverless.yml always sets it; it is read at cold start, and a missing or damaged pack fails the init.
   */
  RULE_PACK_FILE: NAME.optional(),
  /**
   * Folder of the YAML pack, loaded (and validated) on first use when RULE_PACK_FILE is unset: tests and
   * dev scripts only. Absolute, or relative to LAMBDA_TASK_ROOT, else to the working directory.
   */
  RULES_DIR: NAME.default('rules'),
  /** Set by Lambda (`/var/task`), serverless-offline and `sls invoke local`; absent in tests. */
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

/** The environment the Lambda functions read (set in serverless.yml). */
export const ConfigSchema = ConfigFieldsSchema.refine(
  (env) => env.LAMBDA_TASK_ROOT === undefined || env.RULE_PACK_FILE !== undefined,
  {
    // The bundles do not carry the YAML parser (serverless.yml `custom.esbuild.exclude`), nor the zips rules/**.
    path: ['RULE_PACK_FILE'],
    message: 'required in Lambda (LAMBDA_TASK_ROOT is set): the compiled rule pack, see serverless.yml',
  }
);
export type Config = z.infer<typeof ConfigSchema>;

/** The absolute folder of the built-in rule pack's YAML files. */
export function rulesDirOf(settings: Pick<Config, 'RULES_DIR' | 'LAMBDA_TASK_ROOT'>): string {
  return path.resolve(settings.LAMBDA_TASK_ROOT ?? process.cwd(), settings.RULES_DIR);
}

/** The absolute path of the compiled built-in pack, or `undefined` when the YAML files are to be used. */
export function rulePackFileOf(
  settings: Pick<Config, 'RULE_PACK_FILE'>,
  codeRoot: string
): string | undefined {
  return settings.RULE_PACK_FILE === undefined ? undefined : path.resolve(codeRoot, settings.RULE_PACK_FILE);
}

/** Validates the environment; throws `ConfigError` naming each bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  return parseEnv(ConfigSchema, env);
}

/** The functions' configuration, read once at cold start. */
export const config: Config = parseConfig(process.env);
