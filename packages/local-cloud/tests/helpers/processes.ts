import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { isPortOpen } from '../../src/net/probe';
import { eventually } from './fixture';

const repoRoot = join(__dirname, '../../../..');

/** Whether a process with this id exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits until none of the pids lives and none of the ports listens. */
export async function expectNothingLeft(pids: number[], ports: number[], timeoutMs = 15_000): Promise<void> {
  await eventually(async () => {
    expect(pids.filter(isAlive)).toEqual([]);
    const open = await Promise.all(ports.map((port) => isPortOpen(port)));
    expect(ports.filter((_, i) => open[i])).toEqual([]);
  }, timeoutMs);
}

/** Runs tests/fixtures/run-local-cloud.ts under tsx and resolves with the line it prints. */
export function runCloudProcess(): Promise<{
  child: ChildProcess;
  info: { pid: number; pids: number[]; ports: number[] };
}> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, '../fixtures/run-local-cloud.ts')],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    }
  );
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once('line', (line) => resolve({ child, info: JSON.parse(line) }));
    child.once('exit', (code) => reject(new Error(`cloud process exited early (${code})`)));
  });
}

/** Resolves with the exit code or signal once the child exits. */
export function exited(child: ChildProcess): Promise<number | string | null> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve(child.exitCode ?? child.signalCode);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
}
