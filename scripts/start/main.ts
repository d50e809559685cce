// `./scripts/start.sh [--once] [--state-dir DIR]`: the local cloud, the services' resources and their built-in
// scenarios, with a readable live feed and a final summary. Each service owns its scenarios (src/scenarios.ts).
import '../../packages/lambda-kit/register-esm-only.cjs';
import path from 'node:path';
import { type LambdaLike, type LocalCloud, startLocalCloud } from '@vigil/local-cloud';
import { loadScenarios, type ScenarioResult } from './scenarios';

interface StartOptions {
  once: boolean;
  stateDir?: string | undefined;
}

function parseArgs(argv: string[]): StartOptions {
  const options: StartOptions = { once: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--once') options.once = true;
    else if (arg === '--state-dir') options.stateDir = path.resolve(argv[++i] ?? '');
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write('usage: ./scripts/start.sh [--once] [--state-dir DIR]\n');
      process.exit(0);
    } else {
      process.stderr.write(`vigil: start: unknown option ${arg}\n`);
      process.exit(2);
    }
  }
  return options;
}

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s`;
const feed = (service: string, line: string) =>
  process.stdout.write(`${elapsed()}  ${service.padEnd(22)} ${line}\n`);

function printEndpoints(cloud: LocalCloud): void {
  feed('local-cloud', `up (state in ${cloud.stateDir})`);
  for (const [name, url] of Object.entries(cloud.endpoints)) {
    if (url) feed('local-cloud', `  ${name.padEnd(14)} ${url}`);
  }
}

function printHowTo(cloud: LocalCloud): void {
  const env = cloud.env();
  const lines = [
    '',
    'Vigil is running locally. Try it from another shell:',
    `  export ${Object.entries(env)
      .map(([key, value]) => `${key}=${value}`)
      .join(' \\\n         ')}`,
    `  aws s3 cp my-trail.json.gz s3://vigil-${cloud.stage}-cloudtrail-${cloud.accountId}/AWSLogs/${cloud.accountId}/CloudTrail/us-east-1/2026/01/01/x.json.gz`,
    `  aws events put-events --entries '[{"Source":"orders","DetailType":"Order Placed","Detail":"{\\"order_id\\":\\"o-1\\"}","EventBusName":"vigil-${cloud.stage}"}]'`,
    '  pnpm --silent vigil scan <downloaded CloudTrail logs>',
    `State lives in ${cloud.stateDir}. Press Ctrl-C to stop everything.`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function printSummary(results: ScenarioResult[]): boolean {
  const failed = results.filter((result) => !result.ok);
  process.stdout.write('\nSummary\n');
  for (const result of results) {
    process.stdout.write(
      `  ${result.ok ? 'ok  ' : 'FAIL'}  ${result.service}: ${result.name} — ${result.summary} (${result.seconds.toFixed(1)}s)\n`
    );
  }
  process.stdout.write(
    `${results.length - failed.length}/${results.length} scenarios produced their expected output in ${elapsed().trim()}\n`
  );
  return failed.length === 0 && results.length > 0;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  feed('local-cloud', 'starting DynamoDB Local, fauxqs, Step Functions, Security Hub and the event router…');
  // Scenarios register their in-process functions here; the router looks them up at delivery time.
  const functions: Record<string, LambdaLike> = {};
  const cloud = await startLocalCloud({ stateDir: options.stateDir, services: ['platform'], functions });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    feed('local-cloud', 'stopping…');
    await cloud.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(130));
  process.on('SIGTERM', () => void stop(143));
  printEndpoints(cloud);
  Object.assign(process.env, cloud.env());
  // The handlers run in this process: keep their EMF metric lines and info logs out of the feed.
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';

  const results: ScenarioResult[] = [];
  for (const scenario of await loadScenarios()) {
    const begun = Date.now();
    feed(scenario.service, `▶ ${scenario.name}`);
    try {
      const outcome = await scenario.run(cloud, (line) => feed(scenario.service, `  ${line}`), functions);
      results.push({
        ...outcome,
        service: scenario.service,
        name: scenario.name,
        seconds: (Date.now() - begun) / 1000,
      });
      feed(scenario.service, `${outcome.ok ? '✔' : '✘'} ${outcome.summary}`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      results.push({
        ok: false,
        summary: reason,
        service: scenario.service,
        name: scenario.name,
        seconds: 0,
      });
      feed(scenario.service, `✘ ${reason}`);
    }
  }
  const allOk = printSummary(results);
  if (options.once) {
    await stop(allOk ? 0 : 1);
    return;
  }
  printHowTo(cloud);
  await new Promise(() => undefined);
}

main().catch((error: unknown) => {
  process.stderr.write(`vigil: start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
