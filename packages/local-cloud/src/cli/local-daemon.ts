// The background process behind `vigil local up`: starts the local cloud with state in --state-dir,
// creates every service's resources, writes the state file, and runs until SIGTERM/SIGINT
// (`vigil local down`), when startLocalCloud's shutdown hook stops every piece.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findRepoRoot } from '../repo-root';
import { startLocalCloud } from '../start-local-cloud';
import { removeLocalState, writeLocalState } from './local-state-file';

function serviceNames(repoRoot: string): string[] {
  const dir = join(repoRoot, 'services');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => existsSync(join(dir, name, 'serverless.yml')));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'state-dir': { type: 'string' },
      services: { type: 'string' },
      stage: { type: 'string' },
      'lambda-endpoint': { type: 'string' },
    },
  });
  const stateDir = values['state-dir'];
  if (stateDir === undefined) throw new Error('--state-dir is required');
  const repoRoot = findRepoRoot();
  const began = performance.now();
  const cloud = await startLocalCloud({
    stateDir,
    stage: values.stage,
    lambdaEndpoint: values['lambda-endpoint'],
    schedules: 'wall-clock',
  });
  const names =
    values.services === undefined ? serviceNames(repoRoot) : values.services.split(',').filter(Boolean);
  const services: { name: string; ok: boolean; summary: string }[] = [];
  // One broken serverless.yml must not keep the others (and the cloud) down: report it instead.
  for (const name of [...names].sort((a, b) => Number(a !== 'platform') - Number(b !== 'platform'))) {
    try {
      const created = await cloud.createResources(name);
      const counts = [
        'tables',
        'buckets',
        'queues',
        'topics',
        'eventBuses',
        'rules',
        'stateMachines',
      ] as const;
      const summary = counts.map((kind) => `${created[kind].length} ${kind}`).join(', ');
      services.push({
        name,
        ok: true,
        summary: `${summary}, ${created.functionEvents.length} function events`,
      });
    } catch (error) {
      services.push({ name, ok: false, summary: error instanceof Error ? error.message : String(error) });
    }
  }
  process.on('exit', () => removeLocalState(stateDir));
  writeLocalState(stateDir, {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    stateDir,
    startupMs: Math.round(performance.now() - began),
    endpoints: Object.fromEntries(
      Object.entries(cloud.endpoints).filter((e): e is [string, string] => e[1] !== undefined)
    ),
    env: cloud.env(),
    ports: cloud.ports,
    pids: cloud.pids,
    services,
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`vigil local: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
