import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import { answersAwsJson, answersGet, answersPost, isPortOpen } from '../net/probe';
import { findRepoRoot } from '../repo-root';
import { isProcessAlive, type LocalState, readLocalState, removeLocalState } from './local-state-file';

interface DirOption {
  stateDir?: string;
}

function stateDirOf(options: DirOption): string {
  return resolve(options.stateDir ?? join(findRepoRoot(), '.vigil', 'local'));
}

function printEndpoints(state: LocalState): void {
  for (const [name, url] of Object.entries(state.endpoints))
    process.stdout.write(`${name.padEnd(14)} ${url}\n`);
  for (const service of state.services) {
    process.stdout.write(
      `service ${service.name}: ${service.ok ? service.summary : `FAILED: ${service.summary}`}\n`
    );
  }
}

async function up(
  options: DirOption & { services?: string; stage?: string; lambdaEndpoint?: string }
): Promise<void> {
  const stateDir = stateDirOf(options);
  const running = readLocalState(stateDir);
  if (running !== undefined && isProcessAlive(running.pid)) {
    process.stdout.write(`local cloud already running (pid ${running.pid}, state ${stateDir})\n`);
    printEndpoints(running);
    return;
  }
  removeLocalState(stateDir);
  mkdirSync(stateDir, { recursive: true });
  const logPath = join(stateDir, 'local-cloud.log');
  const log = openSync(logPath, 'a');
  const args = ['--state-dir', stateDir];
  if (options.services !== undefined) args.push('--services', options.services);
  if (options.stage !== undefined) args.push('--stage', options.stage);
  if (options.lambdaEndpoint !== undefined) args.push('--lambda-endpoint', options.lambdaEndpoint);
  // Detached: its own process group, so `down` can take the daemon and its children together.
  const daemon = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'local-daemon.ts'), ...args], {
    cwd: findRepoRoot(),
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  daemon.unref();
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const state = readLocalState(stateDir);
    if (state !== undefined) {
      process.stdout.write(`local cloud up in ${state.startupMs} ms (pid ${state.pid}, state ${stateDir})\n`);
      printEndpoints(state);
      process.stdout.write(`environment: eval "$(pnpm --silent vigil local env)"\n`);
      return;
    }
    if (daemon.exitCode !== null || (daemon.pid !== undefined && !isProcessAlive(daemon.pid))) break;
    await sleep(200);
  }
  const tail = readFileSync(logPath, 'utf8').split('\n').slice(-15).join('\n');
  throw new Error(`local cloud did not start; see ${logPath}:\n${tail}`);
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) return true;
    await sleep(100);
  }
  return !isProcessAlive(pid);
}

async function down(options: DirOption): Promise<void> {
  const stateDir = stateDirOf(options);
  const state = readLocalState(stateDir);
  if (state === undefined || !isProcessAlive(state.pid)) {
    removeLocalState(stateDir);
    process.stdout.write('local cloud is not running\n');
    return;
  }
  process.kill(state.pid, 'SIGTERM');
  if (!(await waitForExit(state.pid, 15_000))) {
    // Last resort: the whole process group (daemon, JVM, fauxqs).
    process.kill(-state.pid, 'SIGKILL');
    await waitForExit(state.pid, 5000);
  }
  for (const pid of state.pids) if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
  const open = (
    await Promise.all(state.ports.map(async (port) => ((await isPortOpen(port)) ? [port] : [])))
  ).flat();
  removeLocalState(stateDir);
  if (open.length > 0) throw new Error(`local cloud stopped but ports ${open.join(', ')} are still open`);
  process.stdout.write(`local cloud stopped (pid ${state.pid})\n`);
}

async function status(options: DirOption & { format?: string }): Promise<void> {
  const stateDir = stateDirOf(options);
  const state = readLocalState(stateDir);
  if (state === undefined || !isProcessAlive(state.pid)) {
    process.stdout.write(options.format === 'json' ? '{"running":false}\n' : 'local cloud is not running\n');
    process.exitCode = 3;
    return;
  }
  const region = state.env.AWS_REGION ?? 'us-east-1';
  const endpoints = state.endpoints;
  const health: Record<string, boolean> = {
    dynamodb: await answersAwsJson(
      endpoints.dynamodb ?? '',
      'DynamoDB_20120810.ListTables',
      'dynamodb',
      region
    ),
    fauxqs: await answersGet(`${endpoints.sqs}/health`),
    events: await answersAwsJson(endpoints.events ?? '', 'AWSEvents.ListEventBuses', 'events', region, '1.1'),
    stepfunctions: await answersAwsJson(
      endpoints.stepfunctions ?? '',
      'AWSStepFunctions.ListStateMachines',
      'states',
      region
    ),
    securityhub: await answersPost(`${endpoints.securityhub}/findings`, {}),
  };
  const isHealthy = Object.values(health).every(Boolean);
  if (options.format === 'json') {
    process.stdout.write(
      `${JSON.stringify({ running: true, healthy: isHealthy, pid: state.pid, endpoints, health })}\n`
    );
  } else {
    process.stdout.write(
      `local cloud running (pid ${state.pid}, since ${state.startedAt}, state ${stateDir})\n`
    );
    printEndpoints(state);
    for (const [piece, ok] of Object.entries(health))
      process.stdout.write(`health ${piece.padEnd(14)} ${ok ? 'ok' : 'DOWN'}\n`);
  }
  if (!isHealthy) process.exitCode = 1;
}

function env(options: DirOption): void {
  const state = readLocalState(stateDirOf(options));
  if (state === undefined || !isProcessAlive(state.pid))
    throw new Error('local cloud is not running (vigil local up)');
  for (const [key, value] of Object.entries(state.env)) process.stdout.write(`export ${key}=${value}\n`);
}

/**
 * Adds `vigil local up|down|status|env` to the CLI: a background local cloud with state in
 * `.vigil/local` (or `--state-dir`), its endpoints and health, and its environment for the SDK/CLI.
 *
 * @example
 * const program = new Command('vigil');
 * registerLocalCommands(program);
 * await program.parseAsync(process.argv);
 */
export function registerLocalCommands(program: Command): Command {
  const local = program
    .command('local')
    .description('run a real local AWS on loopback (DynamoDB Local, fauxqs, router, ...)');
  const stateDirOption = ['--state-dir <dir>', 'state folder (default: <repo>/.vigil/local)'] as const;
  local
    .command('up')
    .description('start the local cloud in the background and print its endpoints')
    .option(...stateDirOption)
    .option('--services <names>', 'comma-separated services to create resources for (default: all)')
    .option('--stage <stage>', 'stage for resource names', 'dev')
    .option('--lambda-endpoint <url>', "serverless-offline's Lambda endpoint for event targets")
    .action(up);
  local
    .command('down')
    .description('stop the local cloud and free its ports')
    .option(...stateDirOption)
    .action(down);
  local
    .command('status')
    .description('print endpoints and the health of each piece')
    .option(...stateDirOption)
    .option('--format <format>', 'text or json', 'text')
    .action(status);
  local
    .command('env')
    .description('print export lines for AWS_ENDPOINT_URL_* and credentials')
    .option(...stateDirOption)
    .action(env);
  return local;
}
