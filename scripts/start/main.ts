// `./scripts/start.sh [--once] [--state-dir DIR]`: the local cloud, every service's resources, each service
// under `serverless offline start` (its own process, its own Lambda API port) wired to the local cloud's
// event router as its serverless.yml wires it in AWS, then the services' built-in scenarios with a live feed
// and a final summary. Each service owns its scenarios (src/scenarios.ts).
import '../../packages/lambda-kit/register-esm-only.cjs';
import path from 'node:path';
import { type LocalCloud, startLocalCloud } from '@vigil/local-cloud';
import { feed, secondsSinceStart } from './feed';
import { printHowTo, printSummary } from './how-to';
import { OfflineService } from './offline-service';
import { type LocalService, loadLocalServices, type ScenarioResult } from './scenarios';

interface StartOptions {
  once: boolean;
  stateDir?: string | undefined;
}

const USAGE = 'usage: ./scripts/start.sh [--once] [--state-dir DIR]\n';

function parseArgs(argv: string[]): StartOptions {
  const options: StartOptions = { once: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--once') options.once = true;
    else if (arg === '--state-dir') options.stateDir = path.resolve(argv[++i] ?? '');
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else {
      process.stderr.write(`vigil: start: unknown option ${arg}\n${USAGE}`);
      process.exit(2);
    }
  }
  return options;
}

function printEndpoints(cloud: LocalCloud): void {
  feed('local-cloud', `up (state in ${cloud.stateDir})`);
  for (const [name, url] of Object.entries(cloud.endpoints)) {
    if (url) feed('local-cloud', `  ${name.padEnd(14)} ${url}`);
  }
}

/**
 * Starts every service under serverless-offline (in parallel) while their resources are created, then
 * routes each service's functions (`<service>-<stage>-*`) to its process. Throws, with the log's last lines
 * in the feed, when one does not come up.
 */
async function startServices(
  cloud: LocalCloud,
  services: LocalService[],
  lambdaEndpoints: Record<string, string>,
  started: OfflineService[]
): Promise<void> {
  const logDir = path.join(cloud.stateDir, 'logs');
  const launched = await Promise.all(
    services.map((service) =>
      OfflineService.launch({
        name: service.name,
        dir: service.dir,
        stage: cloud.stage,
        region: cloud.region,
        accountId: cloud.accountId,
        cloudEnv: cloud.env(),
        environment: service.functionEnvironment,
        logDir,
      })
    )
  );
  started.push(...launched);
  feed('serverless-offline', `building and starting ${services.length} services (logs in ${logDir})`);
  const prefixes: string[] = [];
  for (const service of services) {
    const created = await cloud.createResources(service.dir);
    prefixes.push(`${created.service}-${cloud.stage}-*`);
    const counts = ['tables', 'buckets', 'queues', 'topics', 'rules'] as const;
    const made = counts.map((kind) => `${created[kind].length} ${kind}`).join(', ');
    feed(service.name, `resources: ${made}; ${created.functionEvents.length} function events wired`);
    if (service.prepare) feed(service.name, await service.prepare(cloud));
  }
  await Promise.all(
    launched.map(async (offline, index) => {
      try {
        const seconds = await offline.waitUntilReady();
        offline.onUnexpectedExit((reason) =>
          feed(offline.name, `✘ serverless-offline exited (${reason}); see ${offline.logFile}`)
        );
        lambdaEndpoints[prefixes[index] ?? ''] = offline.lambdaEndpoint;
        const names = offline.functionNames().map((name) => name.replace(/^.*-/, ''));
        feed(
          offline.name,
          `serverless-offline ready in ${seconds.toFixed(1)} s: ${names.join(', ')} on ${offline.lambdaEndpoint}`
        );
      } catch (error) {
        feed(
          offline.name,
          `✘ ${error instanceof Error ? error.message : String(error)}; ${offline.logFile}:`
        );
        for (const line of offline.excerpt()) feed(offline.name, `  | ${line}`);
        throw new Error(`${offline.name} did not start under serverless-offline`);
      }
    })
  );
  feed(
    'serverless-offline',
    `all ${launched.length} services ready, ${secondsSinceStart().toFixed(1)} s after start`
  );
}

/**
 * A failed hand-over to a function is the first thing to see when a scenario fails (details in the function's
 * log); a source retrying the same failure (4 polls a second) is shown once per 10 s.
 */
function reportFailedDeliveries(cloud: LocalCloud): void {
  const shown = new Map<string, number>();
  cloud.router.deliveries.onDelivery((delivery) => {
    if (delivery.status !== 'failed') return;
    const target = delivery.target.replace(/^arn:.*:function:/, '');
    const line = `✘ ${delivery.source} → ${target}: ${(delivery.error ?? '').slice(0, 300)}`;
    if (Date.now() - (shown.get(line) ?? 0) < 10_000) return;
    shown.set(line, Date.now());
    feed('router', line);
  });
}

async function runScenarios(cloud: LocalCloud, services: LocalService[]): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const service of services) {
    for (const scenario of service.scenarios) {
      const begun = Date.now();
      feed(service.name, `▶ ${scenario.name}`);
      const outcome = await scenario
        .run(cloud, (line) => feed(service.name, `  ${line}`))
        .catch((error: unknown) => ({
          ok: false,
          summary: error instanceof Error ? error.message : String(error),
        }));
      results.push({
        ...outcome,
        service: service.name,
        name: scenario.name,
        seconds: (Date.now() - begun) / 1000,
      });
      feed(service.name, `${outcome.ok ? '✔' : '✘'} ${outcome.summary}`);
    }
  }
  return results;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  feed('local-cloud', 'starting DynamoDB Local, fauxqs, Step Functions, Security Hub and the event router…');
  // Filled once each service's serverless-offline listens; the router reads it at every invocation.
  const lambdaEndpoints: Record<string, string> = {};
  const [cloud, services] = await Promise.all([
    startLocalCloud({ stateDir: options.stateDir, services: ['platform'], lambdaEndpoints }),
    loadLocalServices(),
  ]);
  const offline: OfflineService[] = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    feed('vigil', 'stopping…');
    await Promise.all(offline.map((service) => service.stop()));
    await cloud.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(130));
  process.on('SIGTERM', () => void stop(143));
  printEndpoints(cloud);
  reportFailedDeliveries(cloud);
  // The scenarios' own SDK clients (lambda-kit's createAwsClient) find the local cloud from the environment.
  Object.assign(process.env, cloud.env());
  try {
    await startServices(cloud, services, lambdaEndpoints, offline);
  } catch (error) {
    feed('vigil', `✘ ${error instanceof Error ? error.message : String(error)}`);
    await stop(1);
    return;
  }
  const allOk = printSummary(await runScenarios(cloud, services));
  if (options.once) {
    await stop(allOk ? 0 : 1);
    return;
  }
  cloud.router.startClock();
  printHowTo(cloud, offline);
  await new Promise(() => undefined);
}

main().catch((error: unknown) => {
  process.stderr.write(`vigil: start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
