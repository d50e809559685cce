/** Credentials used against a loopback endpoint when none are configured: local emulators only check the shape. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'vigil-local', secretAccessKey: 'vigil-local' } as const;

/** Region assumed for a loopback endpoint when none is configured. */
export const LOCAL_REGION = 'us-east-1';

/** Attempts (first try included) per call unless the caller says otherwise. */
export const DEFAULT_MAX_ATTEMPTS = 5;

/** The client options this factory reads or fills in; every v3 client config accepts them. */
export type AwsClientBaseConfig = {
  region?: unknown;
  endpoint?: unknown;
  credentials?: unknown;
  maxAttempts?: unknown;
  retryMode?: unknown;
};

type AwsClient = { config: { serviceId?: string | undefined }; destroy(): void };

const CREDENTIAL_ENV_KEYS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
];

/**
 * Builds an AWS SDK v3 client the Vigil way. The SDK itself already honours `AWS_ENDPOINT_URL_<SERVICE>` and
 * `AWS_ENDPOINT_URL` (local-cloud sets them); on top of that this adds what it lacks:
 * - retries with backoff: `maxAttempts` 5 and `retryMode: 'adaptive'` (client-side rate limiting on throttling);
 * - for a loopback endpoint (local-cloud): region `us-east-1` when none is set, and dummy static credentials
 *   when none are configured in the environment, so real credentials never reach a local emulator.
 * Explicit `config` values always win. Create clients once, at module scope, in `src/adapters/`.
 *
 * @example
 * ```ts
 * import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
 * export const dynamodb = createAwsClient(DynamoDBClient);
 * ```
 */
export function createAwsClient<TClient extends AwsClient, TConfig extends AwsClientBaseConfig>(
  ClientClass: new (...args: [] | [TConfig]) => TClient,
  config?: TConfig
): TClient {
  // Every v3 client config is all-optional, so an empty object is a valid TConfig.
  const given = config ?? ({} as TConfig);
  const withRetries: TConfig = {
    maxAttempts: DEFAULT_MAX_ATTEMPTS,
    retryMode: 'adaptive',
    ...given,
  };
  const client = new ClientClass(withRetries);
  const endpoint = resolveEndpoint(given.endpoint, client.config.serviceId, process.env);
  if (endpoint === undefined || !isLoopback(endpoint)) return client;

  const local: AwsClientBaseConfig = {};
  if (given.region === undefined && !process.env.AWS_REGION && !process.env.AWS_DEFAULT_REGION) {
    local.region = LOCAL_REGION;
  }
  if (given.credentials === undefined && !CREDENTIAL_ENV_KEYS.some((key) => process.env[key])) {
    local.credentials = LOCAL_CREDENTIALS;
  }
  if (Object.keys(local).length === 0) return client;
  // The service id (hence its endpoint variable) is only known once a client exists: rebuild with the local defaults.
  client.destroy();
  return new ClientClass({ ...local, ...withRetries });
}

/** The endpoint the SDK will use, following its precedence: explicit config, then the service's variable, then the global one. */
function resolveEndpoint(
  explicit: unknown,
  serviceId: string | undefined,
  env: NodeJS.ProcessEnv
): string | undefined {
  if (typeof explicit === 'string') return explicit;
  if (explicit instanceof URL) return explicit.href;
  if (explicit !== undefined) return undefined;
  if (/^true$/i.test(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '')) return undefined;
  const serviceKey = serviceId
    ? `AWS_ENDPOINT_URL_${serviceId.split(' ').join('_').toUpperCase()}`
    : undefined;
  return (serviceKey && env[serviceKey]) || env.AWS_ENDPOINT_URL || undefined;
}

/**
 * Whether an endpoint URL points at this machine (local emulators).
 *
 * @example
 * ```ts
 * isLoopback('http://127.0.0.1:8000'); // true
 * isLoopback('https://dynamodb.us-east-1.amazonaws.com'); // false
 * ```
 */
export function isLoopback(endpoint: string): boolean {
  let host: string;
  try {
    host = new URL(endpoint).hostname;
  } catch {
    return false;
  }
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    host === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}
