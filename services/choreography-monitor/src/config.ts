import { parseEnv } from '@vigil/lambda-kit';
import { z } from 'zod';

const NAME = z.string().min(1);

/** The environment the Lambda functions read (set in serverless.yml). */
export const ConfigSchema = z.object({
  TOKENS_TABLE_NAME: NAME,
  /** `arn:aws:states:<region>:<account>:stateMachine:vigil-<stage>-choreography-`; the choreography name follows. */
  STATE_MACHINE_ARN_PREFIX: z
    .string()
    .regex(/^arn:[\w-]+:states:[\w-]+:\d{12}:stateMachine:/, 'expected a state machine ARN prefix'),
  /** The stage's Vigil bus, where status events go. */
  EVENT_BUS_NAME: NAME,
  /** Events that can never be processed are parked here with their reason. */
  DEAD_LETTER_QUEUE_URL: z.url(),
  /** Folder of the choreography declarations (packaged next to the bundle). */
  CHOREOGRAPHIES_DIR: NAME.default('choreographies'),
});
export type Config = z.infer<typeof ConfigSchema>;

/** Validates the environment; throws `ConfigError` naming each bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  return parseEnv(ConfigSchema, env);
}
