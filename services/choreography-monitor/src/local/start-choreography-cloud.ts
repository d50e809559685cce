import path from 'node:path';
import { type LambdaLike, type LocalCloud, startLocalCloud } from '@vigil/local-cloud';
import { loadChoreographies } from '../adapters/choreography-files';
import { deployLocalChoreographies, localPhysicalNames } from './deploy-local-choreographies';
import '@vigil/lambda-kit/register-esm-only';

type Handler = LambdaLike;

const SERVICE_DIR = path.resolve(__dirname, '../..');
const FUNCTIONS = {
  startWorkflow: '../handlers/start-workflow',
  forwardEvent: '../handlers/forward-event',
  deliverInbox: '../handlers/deliver-inbox',
  recordStatus: '../handlers/record-status',
} as const;

/** The environment the functions read, pointing at the local cloud (see serverless.yml `provider.environment`). */
export function localFunctionEnv(
  cloud: Pick<LocalCloud, 'region' | 'accountId' | 'endpoints'>,
  stage: string,
  choreographiesDir: string
): Record<string, string> {
  const names = localPhysicalNames(stage);
  return {
    POWERTOOLS_SERVICE_NAME: 'choreography-monitor',
    POWERTOOLS_METRICS_NAMESPACE: 'Vigil',
    POWERTOOLS_DEV: 'true',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'CRITICAL',
    TOKENS_TABLE_NAME: names.TokensTable ?? '',
    STATE_MACHINE_ARN_PREFIX: `arn:aws:states:${cloud.region}:${cloud.accountId}:stateMachine:vigil-${stage}-choreography-`,
    EVENT_BUS_NAME: `vigil-${stage}`,
    DEAD_LETTER_QUEUE_URL: `${cloud.endpoints.sqs}/${cloud.accountId}/${names.DeadLetterQueue ?? ''}`,
    CHOREOGRAPHIES_DIR: choreographiesDir,
  };
}

/**
 * Starts a local cloud running the choreography monitor end to end: DynamoDB Local (tokens table and its
 * stream), fauxqs (queues, DLQ), the Step Functions facade running the compiled state machines, the
 * event router with the generated rules — and the four handlers in-process. Handlers load on first use,
 * after the environment points at the cloud (they read it at cold start, as in Lambda).
 *
 * @example
 * const cloud = await startChoreographyCloud();
 * await cloud.router.putEvents([{ Source: 'com.example.orders', DetailType: 'Order Placed', Detail: '{"order_id":"o-1"}', EventBusName: 'vigil-dev' }]);
 */
export async function startChoreographyCloud(
  options: {
    stage?: string;
    choreographiesDir?: string;
    wrap?: (name: string, handler: Handler) => Handler;
  } = {}
): Promise<LocalCloud> {
  const stage = options.stage ?? 'dev';
  const functions: Record<string, Handler> = {};
  const cloud = await startLocalCloud({ stage, services: ['platform'], functions });
  try {
    await wireChoreographyMonitor(cloud, functions, options);
  } catch (error) {
    await cloud.stop();
    throw error;
  }
  return cloud;
}

/**
 * Adds the choreography monitor to a running local cloud: its four handlers (in process, into the cloud's
 * function registry), its resources and the compiled state machines and rules.
 */
export async function wireChoreographyMonitor(
  cloud: LocalCloud,
  functions: Record<string, Handler>,
  options: { choreographiesDir?: string; wrap?: (name: string, handler: Handler) => Handler } = {}
): Promise<void> {
  const stage = cloud.stage;
  const choreographiesDir = options.choreographiesDir ?? path.join(SERVICE_DIR, 'choreographies');
  for (const [key, modulePath] of Object.entries(FUNCTIONS)) {
    let loaded: Handler | undefined;
    const handler: Handler = async (event, context) => {
      // Loaded lazily: handlers read the environment at cold start, and it points at the cloud only now.
      loaded ??= (require(modulePath) as { main: Handler }).main;
      return loaded(event, context);
    };
    functions[`vigil-choreo-${stage}-${key}`] = options.wrap?.(key, handler) ?? handler;
  }
  Object.assign(process.env, cloud.env(), localFunctionEnv(cloud, stage, choreographiesDir));
  await cloud.createResources(SERVICE_DIR, stage);
  await deployLocalChoreographies(cloud, loadChoreographies(choreographiesDir), stage);
}
