// Collects what each service exports from `src/scenarios.ts` (contract below) for ./scripts/start.sh.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LocalCloud } from '@vigil/local-cloud';

/**
 * One built-in scenario. It drives the system only as a user could — AWS APIs on the local cloud (S3
 * PutObject, EventBridge PutEvents, Lambda Invoke through `cloud.invoke`, …) — while the functions run under
 * serverless-offline. The service's resources exist already; `prepare` has run.
 */
export interface Scenario {
  name: string;
  run(cloud: LocalCloud, log: (line: string) => void): Promise<{ ok: boolean; summary: string }>;
}

/** What a service's `src/scenarios.ts` may export. */
interface ScenarioModule {
  scenarios?: Scenario[];
  /** Overrides of the functions' environment under serverless-offline (e.g. a scenario's extra folder). */
  functionEnvironment?: Record<string, string>;
  /** Creates what serverless.yml's resources do not hold (e.g. compiled state machines). */
  prepare?: (cloud: LocalCloud) => Promise<string>;
}

/** A service start.sh runs under serverless-offline, with its scenarios. */
export interface LocalService {
  name: string;
  dir: string;
  scenarios: Scenario[];
  functionEnvironment: Record<string, string>;
  prepare?: ((cloud: LocalCloud) => Promise<string>) | undefined;
}

export interface ScenarioResult {
  service: string;
  name: string;
  ok: boolean;
  summary: string;
  seconds: number;
}

const SERVICE_ORDER = ['cloudtrail-parser', 'job-dispatcher', 'guardduty-correlator', 'choreography-monitor'];
const SERVICES_DIR = path.resolve(__dirname, '../../services');

/** Services whose serverless.yml uses serverless-offline (the ones with functions), in feed order. */
export async function loadLocalServices(): Promise<LocalService[]> {
  const names = readdirSync(SERVICES_DIR)
    .filter((name) => {
      const file = path.join(SERVICES_DIR, name, 'serverless.yml');
      return existsSync(file) && /^\s*-\s*serverless-offline\s*$/m.test(readFileSync(file, 'utf8'));
    })
    .sort((a, b) => (SERVICE_ORDER.indexOf(a) + 1 || 99) - (SERVICE_ORDER.indexOf(b) + 1 || 99));
  const services: LocalService[] = [];
  for (const name of names) {
    const dir = path.join(SERVICES_DIR, name);
    const file = path.join(dir, 'src/scenarios.ts');
    const module: ScenarioModule = existsSync(file) ? await import(file) : {};
    services.push({
      name,
      dir,
      scenarios: module.scenarios ?? [],
      functionEnvironment: module.functionEnvironment ?? {},
      prepare: module.prepare,
    });
  }
  return services;
}
