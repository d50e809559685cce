// One service under `serverless offline start` (osls + serverless-offline + serverless-esbuild): its own
// process group, its own free ports, its output in a log file, ready once its Lambda API listens.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getFreePort, isPortOpen } from '@vigil/local-cloud';

const LAUNCHER = path.resolve(__dirname, 'offline/run-serverless-offline.cjs');
const running = new Set<OfflineService>();

// Whatever way this process ends, no serverless-offline (nor its esbuild) survives it.
process.on('exit', () => {
  for (const service of running) service.killNow();
});

export interface OfflineServiceOptions {
  /** Folder name under services/. */
  name: string;
  dir: string;
  stage: string;
  region: string;
  accountId: string;
  /** The local cloud's endpoints, region and dummy credentials (`cloud.env()`). */
  cloudEnv: Record<string, string>;
  /** Overrides of every function's environment (after serverless.yml's, resolved locally). */
  environment: Record<string, string>;
  logDir: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A serverless-offline process serving one service's functions through the Lambda API. */
export class OfflineService {
  private isStopping = false;

  private constructor(
    readonly name: string,
    readonly lambdaPort: number,
    readonly logFile: string,
    private readonly child: ChildProcess,
    private readonly launchedAt: number
  ) {}

  /** Spawns `serverless offline start` in the service folder; see `waitUntilReady`. */
  static async launch(options: OfflineServiceOptions): Promise<OfflineService> {
    const [lambdaPort, httpPort, websocketPort, albPort] = await Promise.all([
      getFreePort(),
      getFreePort(),
      getFreePort(),
      getFreePort(),
    ]);
    mkdirSync(options.logDir, { recursive: true });
    const logFile = path.join(options.logDir, `${options.name}.log`);
    const log = openSync(logFile, 'w');
    const { NODE_OPTIONS: _loader, ...env } = process.env;
    const args = [
      ...['offline', 'start', '--stage', options.stage, '--region', options.region],
      ...['--host', '127.0.0.1', '--lambdaPort', `${lambdaPort}`, '--httpPort', `${httpPort}`],
      ...['--websocketPort', `${websocketPort}`, '--albPort', `${albPort}`],
    ];
    const child = spawn(process.execPath, [LAUNCHER, ...args], {
      cwd: options.dir,
      // Its own process group: stop() ends osls and the esbuild service it runs, in one signal.
      detached: true,
      stdio: ['ignore', log, log],
      env: {
        ...env,
        ...options.cloudEnv,
        VIGIL_OFFLINE: JSON.stringify({
          accountId: options.accountId,
          parentPid: process.pid,
          environment: options.environment,
        }),
      },
    });
    closeSync(log);
    const service = new OfflineService(options.name, lambdaPort, logFile, child, Date.now());
    running.add(service);
    child.once('exit', () => running.delete(service));
    return service;
  }

  get lambdaEndpoint(): string {
    return `http://127.0.0.1:${this.lambdaPort}`;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Resolves with the seconds start-up took once the Lambda API listens; throws if the process ends first. */
  async waitUntilReady(timeoutMs = 120_000): Promise<number> {
    const deadline = this.launchedAt + timeoutMs;
    for (;;) {
      if (this.hasExited()) throw new Error(`serverless-offline exited (${this.exitReason()})`);
      if (await isPortOpen(this.lambdaPort)) return (Date.now() - this.launchedAt) / 1000;
      if (Date.now() > deadline) throw new Error(`serverless-offline not ready after ${timeoutMs / 1000} s`);
      await sleep(200);
    }
  }

  /** Calls `listener` with the exit reason if the process ends before `stop()`. */
  onUnexpectedExit(listener: (reason: string) => void): void {
    this.child.once('exit', () => {
      if (!this.isStopping) listener(this.exitReason());
    });
  }

  /** The function names serverless-offline says it serves (from its start-up output). */
  functionNames(): string[] {
    const text = existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8') : '';
    return [...text.matchAll(/^\s+\* [\w-]+: (\S+)$/gm)].map((match) => match[1] ?? '');
  }

  /** The last lines of its output, for a failure report. */
  excerpt(lines = 12): string[] {
    const text = existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8') : '';
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .slice(-lines);
  }

  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves once the process has gone. */
  async stop(graceMs = 3000): Promise<void> {
    this.isStopping = true;
    if (!this.hasExited()) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.signal('SIGTERM');
      await Promise.race([exited, sleep(graceMs)]);
    }
    this.killNow();
  }

  /** SIGKILL to the whole group, synchronously (for `exit` handlers). */
  killNow(): void {
    this.isStopping = true;
    this.signal('SIGKILL');
    running.delete(this);
  }

  private signal(signal: NodeJS.Signals): void {
    if (this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      // The group is already gone.
    }
  }

  private hasExited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  private exitReason(): string {
    return this.child.signalCode ?? `code ${this.child.exitCode}`;
  }
}
