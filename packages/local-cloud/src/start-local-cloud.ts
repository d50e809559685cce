import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expireTtlItems } from './dynamodb/expire-ttl-items';
import { startDynamoDbLocal } from './dynamodb/start-dynamodb-local';
import { startFauxqs } from './fauxqs/start-fauxqs';
import {
  type LocalCloud,
  type LocalCloudEndpoints,
  type LocalCloudOptions,
  localCloudEnv,
} from './local-cloud';
import { answersAwsJson, answersGet, answersPost } from './net/probe';
import { onShutdown } from './process/shutdown-hooks';
import { findRepoRoot } from './repo-root';
import { createResources } from './resources/create-resources';
import { findServiceDir } from './resources/load-service';
import { type AwsClients, createAwsClients } from './router/aws-clients';
import { EventRouter } from './router/event-router';
import { startEventBridgeServer } from './router/eventbridge-server';
import { createLambdaInvoker, type LambdaInvoker } from './router/lambda-invoker';
import { loadSavedPorts, savePorts } from './saved-ports';
import { startSecurityHubRecorder } from './securityhub/start-security-hub-recorder';
import { startStepFunctionsFacade } from './stepfunctions/start-step-functions-facade';

const ACCOUNT_ID = '000000000000';

type Stoppable = { stop(): Promise<void> };

/** Stops pieces in reverse start order; a failing stop does not keep the others running. */
async function stopAll(pieces: Stoppable[]): Promise<void> {
  for (const piece of [...pieces].reverse()) await piece.stop().catch(() => undefined);
}

/** Platform owns the shared bus and topics the other services' rules and subscriptions use. */
function platformFirst(services: string[]): string[] {
  return [...services].sort((a, b) => Number(!a.endsWith('platform')) - Number(!b.endsWith('platform')));
}

/**
 * Starts a real local AWS on loopback: DynamoDB Local (Java 17), fauxqs (S3, SQS, SNS), the Step
 * Functions facade, the Security Hub recorder and the event router with its EventBridge API — each on
 * a free port and checked ready — then creates the `services`' resources. `stop()` (or SIGINT/SIGTERM)
 * leaves no process and no port behind.
 *
 * @example
 * const cloud = await startLocalCloud({ services: ['platform'], functions: { 'svc-dev-fn': handler } });
 * Object.assign(process.env, cloud.env());
 * // ...
 * await cloud.stop();
 */
export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const region = options.region ?? 'us-east-1';
  const stage = options.stage ?? 'dev';
  const isTemporary = options.stateDir === undefined;
  const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), 'vigil-local-'));
  mkdirSync(stateDir, { recursive: true });
  const started: Stoppable[] = [];
  const repoRoot = findRepoRoot();
  const ports = options.ports ?? (isTemporary ? {} : await loadSavedPorts(stateDir));
  let clients: AwsClients | undefined;
  let cloud: LocalCloud;
  // Whatever started is stopped again if a later piece fails.
  const remember = <T extends Stoppable>(piece: T): T => {
    started.push(piece);
    return piece;
  };
  try {
    const [dynamodb, fauxqs, securityhub] = await Promise.all([
      startDynamoDbLocal({
        region,
        port: ports.dynamodb,
        dbPath: isTemporary ? undefined : join(stateDir, 'dynamodb'),
      }).then(remember),
      startFauxqs({
        region,
        port: ports.fauxqs,
        dataDir: isTemporary ? undefined : join(stateDir, 'fauxqs'),
      }).then(remember),
      startSecurityHubRecorder({
        region,
        accountId: ACCOUNT_ID,
        port: ports.securityhub ?? 0,
        stateDir: isTemporary ? undefined : stateDir,
      }).then(remember),
    ]);
    // If this process dies without stop(), fauxqs' watchdog takes the JVM down with it.
    fauxqs.watchPid(dynamodb.pid);
    const invoker = createLambdaInvoker({
      functions: options.functions ?? {},
      lambdaEndpoints: options.lambdaEndpoints,
      lambdaEndpoint: options.lambdaEndpoint,
      region,
      accountId: ACCOUNT_ID,
    });
    let router: EventRouter | undefined;
    const stepfunctions = await startStepFunctionsFacade({
      region,
      accountId: ACCOUNT_ID,
      port: ports.stepfunctions ?? 0,
      dynamodbEndpoint: dynamodb.url,
      // Executions start only after the router exists (resources are created below).
      publishEvents: async (entries) => router?.publishEvents(entries),
      invokeLambda: (functionName, payload) => invoker.invoke(functionName, payload),
    });
    started.push(stepfunctions);
    started.push({ stop: async () => invoker.destroy() });
    clients = createAwsClients({
      region,
      fauxqsUrl: fauxqs.url,
      dynamodbUrl: dynamodb.url,
      stepFunctionsUrl: stepfunctions.url,
    });
    router = new EventRouter({
      clients,
      invoker,
      fauxqs,
      region,
      accountId: ACCOUNT_ID,
      clockStart: options.clockStart,
    });
    started.push(router);
    const events = await startEventBridgeServer(router, { port: ports.events });
    started.push(events);
    if (options.schedules === 'wall-clock') router.startClock();
    const endpoints: LocalCloudEndpoints = {
      dynamodb: dynamodb.url,
      s3: fauxqs.url,
      sqs: fauxqs.url,
      sns: fauxqs.url,
      stepfunctions: stepfunctions.url,
      securityhub: securityhub.url,
      events: events.url,
      ...(options.lambdaEndpoint === undefined ? {} : { lambda: options.lambdaEndpoint }),
    };
    if (!isTemporary) {
      savePorts(stateDir, {
        dynamodb: dynamodb.port,
        fauxqs: fauxqs.port,
        stepfunctions: stepfunctions.port,
        securityhub: securityhub.port,
        events: events.port,
      });
    }
    const listening = [dynamodb.port, fauxqs.port, stepfunctions.port, securityhub.port, events.port];
    const result = assemble({
      options,
      region,
      stage,
      stateDir,
      isTemporary,
      repoRoot,
      started,
      clients,
      router,
      invoker,
      endpoints,
      ports: listening,
    });
    result.pids.push(dynamodb.pid, fauxqs.pid);
    cloud = result;
  } catch (error) {
    clients?.destroy();
    await stopAll(started);
    if (isTemporary) rmSync(stateDir, { recursive: true, force: true });
    throw error;
  }
  try {
    for (const service of platformFirst(options.services ?? [])) await cloud.createResources(service, stage);
  } catch (error) {
    await cloud.stop();
    throw error;
  }
  return cloud;
}

function assemble(parts: {
  options: LocalCloudOptions;
  region: string;
  stage: string;
  stateDir: string;
  isTemporary: boolean;
  repoRoot: string;
  started: Stoppable[];
  clients: AwsClients;
  router: EventRouter;
  invoker: LambdaInvoker;
  endpoints: LocalCloudEndpoints;
  ports: number[];
}): LocalCloud {
  const { region, stage, stateDir, clients, router, endpoints, ports } = parts;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      unregister();
      clients.destroy();
      await stopAll(parts.started);
      if (parts.isTemporary) rmSync(stateDir, { recursive: true, force: true });
    })();
    return stopping;
  };
  const unregister = onShutdown(stop);
  return {
    region,
    accountId: ACCOUNT_ID,
    stage,
    stateDir,
    pids: [],
    endpoints,
    ports,
    env: () => localCloudEnv(endpoints, region),
    router,
    createResources: (serviceDir, serviceStage) =>
      createResources(findServiceDir(serviceDir, parts.repoRoot), serviceStage ?? stage, {
        clients,
        router,
        region,
        accountId: ACCOUNT_ID,
        params: parts.options.params,
      }),
    invoke: (functionName, payload) => parts.invoker.invoke(functionName, payload),
    lambdaEndpointOf: (functionName) => parts.invoker.endpointOf(functionName),
    expireTtlItems: (table, now) => expireTtlItems(clients.dynamodb, table, now),
    health: async () => {
      const [dynamodb, fauxqs, events, stepfunctions, securityhub] = await Promise.all([
        answersAwsJson(endpoints.dynamodb, 'DynamoDB_20120810.ListTables', 'dynamodb', region),
        answersGet(`${endpoints.sqs}/health`),
        answersAwsJson(endpoints.events, 'AWSEvents.ListEventBuses', 'events', region, '1.1'),
        answersAwsJson(endpoints.stepfunctions, 'AWSStepFunctions.ListStateMachines', 'states', region),
        answersPost(`${endpoints.securityhub}/findings`, {}),
      ]);
      return { dynamodb, fauxqs, events, stepfunctions, securityhub };
    },
    stop,
  };
}
