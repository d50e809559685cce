import type { CreatedResources } from './resources/create-resources';
import type { EventRouter } from './router/event-router';
import type { LambdaLike } from './router/lambda-context';

/** Options of `startLocalCloud`. */
export interface LocalCloudOptions {
  /** Keep state (DynamoDB, S3/SQS/SNS) in this folder across runs; default: a temp folder, data in memory, removed on stop. */
  stateDir?: string | undefined;
  /** Services whose resources to create at start (names under `services/`, or folders); platform goes first. */
  services?: string[] | undefined;
  /** In-process functions by deployed name (`<service>-<stage>-<function>`), used before `lambdaEndpoint`. */
  functions?: Record<string, LambdaLike> | undefined;
  /**
   * Lambda API endpoints (one serverless-offline process per service) by function name or by name prefix
   * ending in `*` (`vigil-jobs-dev-*`). Read at each invocation: entries may be added after the cloud started.
   */
  lambdaEndpoints?: Record<string, string> | undefined;
  /** serverless-offline's Lambda endpoint (e.g. `http://127.0.0.1:3002`) for functions found nowhere else. */
  lambdaEndpoint?: string | undefined;
  /** Stage for `createResources` and function names; default `dev`. */
  stage?: string | undefined;
  /** Default `us-east-1`. */
  region?: string | undefined;
  /** `${param:...}` values for the services' serverless.yml. */
  params?: Record<string, unknown> | undefined;
  /** `manual` (default): schedules fire on `router.tick(now)`; `wall-clock`: every second by the real clock. */
  schedules?: 'manual' | 'wall-clock' | undefined;
  /** Start of the manual schedule clock; default now. */
  clockStart?: Date | undefined;
  /** Fixed ports (for `vigil local up`); default free ports. */
  ports?:
    | Partial<Record<'dynamodb' | 'fauxqs' | 'events' | 'stepfunctions' | 'securityhub', number>>
    | undefined;
}

/** Endpoint URLs of the local pieces (S3, SQS and SNS share fauxqs' endpoint). */
export interface LocalCloudEndpoints {
  dynamodb: string;
  s3: string;
  sqs: string;
  sns: string;
  stepfunctions: string;
  securityhub: string;
  events: string;
  lambda?: string | undefined;
}

/** A running local cloud. */
export interface LocalCloud {
  endpoints: LocalCloudEndpoints;
  region: string;
  accountId: string;
  stage: string;
  stateDir: string;
  /** Child process ids (DynamoDB Local's JVM, fauxqs' Node). */
  pids: number[];
  /** Every port the cloud listens on. */
  ports: number[];
  router: EventRouter;
  /** `AWS_ENDPOINT_URL_<SERVICE>`, region and dummy credentials for the SDK, the AWS CLI and handlers. */
  env(): Record<string, string>;
  /** Creates a service's resources from its serverless.yml (folder or name under `services/`). */
  createResources(serviceDir: string, stage?: string): Promise<CreatedResources>;
  /**
   * Invokes a function synchronously, as the router does: its in-process handler, else the Lambda API of
   * the endpoint serving it (`lambdaEndpoints`/`lambdaEndpoint`). Throws `DeliveryError` when it fails.
   */
  invoke(functionName: string, payload: unknown): Promise<unknown>;
  /** The Lambda API endpoint serving a function (for `aws lambda invoke --endpoint-url`), if not in process. */
  lambdaEndpointOf(functionName: string): string | undefined;
  /** Deletes items whose TTL passed by `now` (DynamoDB Local never expires items). */
  expireTtlItems(table: string, now: Date): Promise<number>;
  /** Per-piece health (each answers a real request). */
  health(): Promise<
    Record<keyof Omit<LocalCloudEndpoints, 'lambda' | 's3' | 'sqs' | 'sns'> | 'fauxqs', boolean>
  >;
  stop(): Promise<void>;
}

/**
 * The environment that points AWS SDK v3 clients, the AWS CLI and handlers at a local cloud.
 *
 * @example
 * Object.assign(process.env, localCloudEnv(cloud.endpoints, 'us-east-1'));
 */
export function localCloudEnv(endpoints: LocalCloudEndpoints, region: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
    AWS_ENDPOINT_URL_SNS: endpoints.sns,
    AWS_ENDPOINT_URL_SFN: endpoints.stepfunctions,
    AWS_ENDPOINT_URL_SECURITYHUB: endpoints.securityhub,
    AWS_ENDPOINT_URL_EVENTBRIDGE: endpoints.events,
    ...(endpoints.lambda === undefined ? {} : { AWS_ENDPOINT_URL_LAMBDA: endpoints.lambda }),
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  };
}
