// Collects the built-in scenarios each service exports from `src/scenarios.ts` (contract below).
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { LambdaLike, LocalCloud } from '@vigil/local-cloud';

/** What a service's `src/scenarios.ts` exports as `scenarios`. */
export interface Scenario {
  name: string;
  /** `functions`: the local cloud's in-process function registry (by deployed name) to add handlers to. */
  run(
    cloud: LocalCloud,
    log: (line: string) => void,
    functions: Record<string, LambdaLike>
  ): Promise<{ ok: boolean; summary: string }>;
}

export interface LoadedScenario extends Scenario {
  service: string;
}

export interface ScenarioResult {
  service: string;
  name: string;
  ok: boolean;
  summary: string;
  seconds: number;
}

const SERVICE_ORDER = ['cloudtrail-parser', 'job-dispatcher', 'guardduty-correlator', 'choreography-monitor'];

export async function loadScenarios(): Promise<LoadedScenario[]> {
  const servicesDir = path.resolve(__dirname, '../../services');
  const services = readdirSync(servicesDir).sort(
    (a, b) => (SERVICE_ORDER.indexOf(a) + 1 || 99) - (SERVICE_ORDER.indexOf(b) + 1 || 99)
  );
  const loaded: LoadedScenario[] = [];
  for (const service of services) {
    const file = path.join(servicesDir, service, 'src/scenarios.ts');
    if (!existsSync(file)) continue;
    const module: { scenarios?: Scenario[] } = await import(file);
    for (const scenario of module.scenarios ?? []) loaded.push({ ...scenario, service });
  }
  return loaded;
}
