import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';

/** Where `vigil jobs` works: a local cloud (default) or a deployed stage. */
export type JobsTarget = { client: DynamoDBClient; tableName: string; busName: string; where: string };

const LocalStateSchema = z.object({ env: z.record(z.string(), z.string()) });

function findRepoRoot(from: string): string | undefined {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
  }
  return undefined;
}

/** The environment of the running `vigil local up`, if any. */
function localCloudEnv(): Record<string, string> | undefined {
  const root = findRepoRoot(__dirname);
  const file = root === undefined ? undefined : join(root, '.vigil', 'local', 'local-cloud.json');
  if (file === undefined || !existsSync(file)) return undefined;
  const parsed = LocalStateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  return parsed.success ? parsed.data.env : undefined;
}

/**
 * Resolves the target: with `stage`, the deployed `vigil-<stage>-jobs` table with the default credential
 * chain; otherwise local-cloud, from `AWS_ENDPOINT_URL_DYNAMODB` or the running `vigil local up` state.
 *
 * @throws Error when no local cloud is found
 */
export function resolveJobsTarget(options: {
  stage?: string | undefined;
  env?: NodeJS.ProcessEnv;
}): JobsTarget {
  const env = options.env ?? process.env;
  if (options.stage !== undefined) {
    return {
      client: new DynamoDBClient({}),
      tableName: `vigil-${options.stage}-jobs`,
      busName: `vigil-${options.stage}`,
      where: `stage ${options.stage}`,
    };
  }
  const local = env.AWS_ENDPOINT_URL_DYNAMODB === undefined ? localCloudEnv() : env;
  const endpoint = local?.AWS_ENDPOINT_URL_DYNAMODB;
  if (endpoint === undefined) {
    throw new Error(
      'no local cloud: run `vigil local up` (or set AWS_ENDPOINT_URL_DYNAMODB), or pass --stage'
    );
  }
  const client = new DynamoDBClient({
    endpoint,
    region: local?.AWS_REGION ?? 'us-east-1',
    credentials: {
      accessKeyId: local?.AWS_ACCESS_KEY_ID ?? 'local',
      secretAccessKey: local?.AWS_SECRET_ACCESS_KEY ?? 'local',
    },
  });
  return { client, tableName: 'vigil-dev-jobs', busName: 'vigil-dev', where: `local cloud ${endpoint}` };
}
