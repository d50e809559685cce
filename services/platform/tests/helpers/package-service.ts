import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageServiceTemplate } from '@vigil/lambda-kit/testing';
import YAML from 'yaml';
import type { CfnTemplate } from './security/cfn-template';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** Every Vigil stack, as folders under `services/`. */
export const VIGIL_SERVICES = [
  'platform',
  'cloudtrail-parser',
  'job-dispatcher',
  'guardduty-correlator',
  'choreography-monitor',
] as const;

export type ServiceStatus = { ready: true } | { ready: false; reason: string };

/**
 * Whether a service can be reviewed yet: it has a serverless.yml, and (except for platform, which has
 * none by design) declares functions. Other engineers write the services in parallel.
 */
export function serviceStatus(service: string): ServiceStatus {
  const file = path.join(REPO_ROOT, 'services', service, 'serverless.yml');
  if (!existsSync(file))
    return { ready: false, reason: `services/${service}/serverless.yml does not exist yet` };
  if (service === 'platform') return { ready: true };
  const config: unknown = YAML.parse(readFileSync(file, 'utf8'), { logLevel: 'silent' });
  const functions =
    typeof config === 'object' && config !== null ? (config as { functions?: unknown }).functions : undefined;
  if (typeof functions !== 'object' || functions === null || Object.keys(functions).length === 0)
    return { ready: false, reason: `services/${service}/serverless.yml declares no functions yet` };
  return { ready: true };
}

export type Packaged = { ok: true; template: CfnTemplate } | { ok: false; error: string };

async function packageOnce(service: string, stage: string): Promise<CfnTemplate> {
  const { template } = await packageServiceTemplate(path.join(REPO_ROOT, 'services', service), stage);
  return template;
}

/** packageServiceTemplate's error already carries the last lines osls printed. */
function describeFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Packages a service for each stage, one stage after the other: serverless-esbuild builds in the
 * service's own `.esbuild` folder, so two packagings of one service must not overlap. One retry absorbs
 * a collision with someone else packaging the same folder at that moment.
 */
export async function packageService(
  service: string,
  stages: readonly string[]
): Promise<Map<string, Packaged>> {
  const results = new Map<string, Packaged>();
  for (const stage of stages) {
    try {
      results.set(stage, { ok: true, template: await packageOnce(service, stage) });
    } catch {
      try {
        results.set(stage, { ok: true, template: await packageOnce(service, stage) });
      } catch (error) {
        results.set(stage, { ok: false, error: describeFailure(error) });
      }
    }
  }
  return results;
}
