import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { readLocalState } from '../../src/cli/local-state-file';
import { registerLocalCommands } from '../../src/index';
import { FIXTURE_SERVICE } from '../helpers/fixture';
import { expectNothingLeft, isAlive } from '../helpers/processes';

async function run(...args: string[]): Promise<string> {
  const program = new Command('vigil').exitOverride();
  registerLocalCommands(program);
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    await program.parseAsync(['node', 'vigil', ...args]);
  } finally {
    spy.mockRestore();
  }
  return chunks.join('');
}

describe('vigil local up|status|env|down', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'vigil-local-cli-'));

  afterAll(async () => {
    // Never leave a daemon behind, even when an assertion failed half-way.
    const state = readLocalState(stateDir);
    if (state !== undefined && isAlive(state.pid)) await run('local', 'down', '--state-dir', stateDir);
    rmSync(stateDir, { recursive: true, force: true });
    process.exitCode = undefined;
  });

  it('starts a background cloud with the services, reports it healthy, and stops it freeing every port', async () => {
    // Act
    const up = await run('local', 'up', '--state-dir', stateDir, '--services', FIXTURE_SERVICE);
    const state = readLocalState(stateDir);
    const status = JSON.parse(await run('local', 'status', '--state-dir', stateDir, '--format', 'json'));
    const env = await run('local', 'env', '--state-dir', stateDir);
    const down = await run('local', 'down', '--state-dir', stateDir);

    // Assess
    expect(up).toMatch(/^local cloud up in \d+ ms/);
    expect(up).toContain(
      `service ${FIXTURE_SERVICE}: 1 tables, 1 buckets, 5 queues, 1 topics, 1 eventBuses, 2 rules, 1 stateMachines`
    );
    expect(status).toEqual({
      running: true,
      healthy: true,
      pid: state?.pid,
      endpoints: expect.objectContaining({ dynamodb: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) }),
      health: { dynamodb: true, fauxqs: true, events: true, stepfunctions: true, securityhub: true },
    });
    expect(env).toContain(`export AWS_ENDPOINT_URL_DYNAMODB=${state?.endpoints.dynamodb}`);
    expect(down).toBe(`local cloud stopped (pid ${state?.pid})\n`);
    await expectNothingLeft([state?.pid ?? 0, ...(state?.pids ?? [])], state?.ports ?? [], 5000);
    expect(readLocalState(stateDir)).toBeUndefined();
  }, 60_000);

  it('reports a stopped cloud as not running', async () => {
    // Act
    const status = await run('local', 'status', '--state-dir', stateDir);

    // Assess
    expect(status).toBe('local cloud is not running\n');
    expect(process.exitCode).toBe(3);
  });
});
