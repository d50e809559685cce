import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { LocalCloudError } from '../errors';
import { parseTemplateYaml } from './parse-template-yaml';
import { resolveVariables } from './resolve-variables';
import type { TemplateResource } from './resource-identity';

/** A function of the service: its deployed name, logical id and (unresolved-intrinsic) events. */
export interface FunctionDefinition {
  key: string;
  name: string;
  logicalId: string;
  events: unknown[];
}

/** One service's serverless.yml with variables resolved (intrinsics are resolved at creation). */
export interface ServiceDefinition {
  dir: string;
  service: string;
  stage: string;
  region: string;
  stackName: string;
  resources: Record<string, TemplateResource>;
  conditions: Record<string, unknown>;
  mappings: Record<string, unknown>;
  functions: FunctionDefinition[];
}

const ServerlessYamlSchema = z.looseObject({
  service: z.union([z.string(), z.looseObject({ name: z.string() })]),
  provider: z.looseObject({ region: z.string().optional(), stage: z.string().optional() }).default({}),
  params: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  functions: z
    .record(
      z.string(),
      z.looseObject({ name: z.string().optional(), events: z.array(z.unknown()).optional() }).nullable()
    )
    .optional(),
  resources: z
    .looseObject({
      Resources: z
        .record(
          z.string(),
          z.looseObject({
            Type: z.string(),
            Properties: z.record(z.string(), z.unknown()).optional(),
            Condition: z.string().optional(),
          })
        )
        .optional(),
      Conditions: z.record(z.string(), z.unknown()).optional(),
      Mappings: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
});

/** Serverless' logical id for a function key: `my-fn_x` → `MyDashfnUnderscorexLambdaFunction`. */
export function functionLogicalId(key: string): string {
  const normalized = key.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return `${normalized.charAt(0).toUpperCase()}${normalized.slice(1)}LambdaFunction`;
}

/** A service folder: an absolute/relative path holding serverless.yml, or a name under `<repo>/services/`. */
export function findServiceDir(serviceDir: string, repoRoot: string): string {
  const candidates = isAbsolute(serviceDir)
    ? [serviceDir]
    : [resolve(serviceDir), join(repoRoot, 'services', serviceDir)];
  const found = candidates.find((dir) => existsSync(join(dir, 'serverless.yml')));
  if (found === undefined) throw new LocalCloudError(`no serverless.yml in ${candidates.join(' or ')}`);
  return found;
}

/**
 * Reads `<dir>/serverless.yml` and resolves its variables for `stage` (see `resolveVariables`).
 *
 * @example
 * const service = loadService('/repo/services/platform', { stage: 'dev', region: 'us-east-1', accountId: '000000000000' });
 */
export function loadService(
  dir: string,
  options: { stage: string; region: string; accountId: string; params?: Record<string, unknown> | undefined }
): ServiceDefinition {
  const raw = ServerlessYamlSchema.parse(
    parseTemplateYaml(readFileSync(join(dir, 'serverless.yml'), 'utf8'))
  );
  const region =
    typeof raw.provider.region === 'string' && !raw.provider.region.includes('${')
      ? raw.provider.region
      : options.region;
  // Serverless reports the deploy stage/region under provider; `${self:provider.stage}` relies on it.
  const withStage = { ...raw, provider: { ...raw.provider, stage: options.stage, region } };
  const params = { ...raw.params?.default, ...raw.params?.[options.stage], ...options.params };
  const context = { stage: options.stage, region, accountId: options.accountId, params, env: process.env };
  // Only what local-cloud uses is resolved: other sections may hold variables only AWS can answer.
  const used = {
    service: raw.service,
    functions: Object.fromEntries(
      Object.entries(raw.functions ?? {}).map(([key, fn]) => [
        key,
        { name: fn?.name, events: fn?.events ?? [] },
      ])
    ),
    resources: raw.resources,
  };
  const config = resolveVariables(used, context, withStage);
  const service = typeof config.service === 'string' ? config.service : config.service.name;
  const functions = Object.entries(config.functions ?? {}).map(([key, definition]) => ({
    key,
    name: definition.name ?? `${service}-${options.stage}-${key}`,
    logicalId: functionLogicalId(key),
    events: definition.events,
  }));
  const resources: Record<string, TemplateResource> = { ...config.resources?.Resources };
  for (const fn of functions) {
    resources[fn.logicalId] = { Type: 'AWS::Lambda::Function', Properties: { FunctionName: fn.name } };
  }
  return {
    dir,
    service,
    stage: options.stage,
    region,
    stackName: `${service}-${options.stage}`,
    resources,
    conditions: config.resources?.Conditions ?? {},
    mappings: config.resources?.Mappings ?? {},
    functions,
  };
}
