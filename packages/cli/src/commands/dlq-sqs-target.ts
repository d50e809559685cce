import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SQSClient } from '@aws-sdk/client-sqs';
import { z } from 'zod';

/** Where `vigil dlq` talks to: a local cloud (fauxqs) or real AWS. */
export type SqsTarget = { client: SQSClient; endpoint: string | undefined; region: string; isLocal: boolean };

export type SqsTargetOptions = {
  /** `--endpoint-url`: wins over everything. */
  endpointUrl?: string | undefined;
  /** `--aws`: real AWS even when a local endpoint is configured or a local cloud is running. */
  isAws?: boolean | undefined;
  region?: string | undefined;
};

/** The part of `vigil local up`'s state file we need (`<repo>/.vigil/local/local-cloud.json`). */
const LocalStateSchema = z.object({ pid: z.number(), env: z.record(z.string(), z.string()) });

const DEFAULT_STATE_FILE = path.resolve(__dirname, '../../../..', '.vigil', 'local', 'local-cloud.json');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The environment of a running `vigil local up`, if any. */
export function readLocalCloudEnv(stateFile = DEFAULT_STATE_FILE): Record<string, string> | undefined {
  if (!existsSync(stateFile)) return undefined;
  const parsed = LocalStateSchema.safeParse(JSON.parse(readFileSync(stateFile, 'utf8')));
  return parsed.success && isAlive(parsed.data.pid) ? parsed.data.env : undefined;
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.');
}

/**
 * The SQS client for `vigil dlq`. Local cloud by default: `--endpoint-url`, else `AWS_ENDPOINT_URL_SQS`
 * (or `AWS_ENDPOINT_URL`), else a running `vigil local up`; with none of them (or with `--aws`), real AWS
 * through the default credential chain. A loopback endpoint gets dummy credentials when none are set.
 *
 * @example
 * ```ts
 * const { client, isLocal } = resolveSqsTarget({ region: 'eu-west-1' });
 * ```
 */
export function resolveSqsTarget(
  options: SqsTargetOptions,
  env: NodeJS.ProcessEnv = process.env,
  localCloudEnv: () => Record<string, string> | undefined = readLocalCloudEnv
): SqsTarget {
  const local = options.isAws || options.endpointUrl ? undefined : localCloudEnv();
  const region =
    options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? local?.AWS_REGION ?? 'us-east-1';
  const endpoint = options.isAws
    ? // Explicit, so that AWS_ENDPOINT_URL_SQS in the environment cannot redirect it.
      `https://sqs.${region}.amazonaws.com`
    : (options.endpointUrl ??
      env.AWS_ENDPOINT_URL_SQS ??
      env.AWS_ENDPOINT_URL ??
      local?.AWS_ENDPOINT_URL_SQS);
  const isLocal = endpoint !== undefined && isLoopback(endpoint);
  const hasCredentials = env.AWS_ACCESS_KEY_ID !== undefined || env.AWS_PROFILE !== undefined;
  const client = new SQSClient({
    region,
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(isLocal && !hasCredentials ? { credentials: { accessKeyId: 'test', secretAccessKey: 'test' } } : {}),
    maxAttempts: 5,
  });
  return { client, endpoint: options.isAws ? undefined : endpoint, region, isLocal };
}
