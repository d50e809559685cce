// The Lambda functions of every service, read from each `services/*/serverless.yml` (`functions.*.handler`),
// with what a benchmark needs to bundle and start them: entry file, export, memory size, architecture and
// the environment their config reads (set to dummy values that pass the services' config schemas).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseTemplateYaml } from '../../../packages/local-cloud/src/resources/parse-template-yaml';

export interface ServiceFunction {
  service: string;
  serviceDir: string;
  name: string;
  handler: string;
  /** The handler's TypeScript entry (may not exist yet: the function is then reported missing). */
  entry: string;
  exportName: string;
  isPresent: boolean;
  memoryMb: number;
  architecture: 'arm64' | 'x86_64';
  env: Record<string, string>;
}

type Json = Record<string, unknown>;
const asObject = (value: unknown): Json =>
  value !== null && typeof value === 'object' ? (value as Json) : {};

/** `${param:x}`, `${sls:stage}`, `${opt:stage, 'dev'}` resolved for the `dev` stage; undefined when unknown. */
function resolveValue(value: unknown, params: Json): string | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const sub = asObject(value)['Fn::Sub'];
  if (sub !== undefined) return resolveSub(sub, params);
  if (typeof value !== 'string') return undefined;
  const resolved = substitute(value, params);
  return resolved.includes('${') ? undefined : resolved;
}

/** Serverless variables of the `dev` stage replaced; CloudFormation `${...}` left as they are. */
function substitute(value: string, params: Json): string {
  return value
    .replace(/\$\{param:([\w-]+)\}/g, (_, name: string) =>
      // An unknown param stays a `${...}` reference, so the caller falls back to a dummy.
      params[name] === undefined ? `\${param:${name}}` : String(params[name])
    )
    .replace(/\$\{sls:stage\}|\$\{opt:stage[^}]*\}/g, 'dev')
    .replace(/\$\{aws:region\}|\$\{opt:region[^}]*\}/g, 'us-east-1');
}

/** `!Sub` with the pseudo parameters of a dummy account; other references become `dummy`. */
function resolveSub(sub: unknown, params: Json): string | undefined {
  const [template, variables] = Array.isArray(sub) ? [sub[0], asObject(sub[1])] : [sub, {}];
  if (typeof template !== 'string') return undefined;
  const text = substitute(template, params);
  const pseudo: Record<string, string> = {
    'AWS::Partition': 'aws',
    'AWS::Region': 'us-east-1',
    'AWS::AccountId': '000000000000',
    'AWS::URLSuffix': 'amazonaws.com',
  };
  return text.replace(
    /\$\{([\w:.]+)\}/g,
    (_, name: string) => pseudo[name] ?? resolveValue(variables[name], params) ?? 'dummy'
  );
}

/** A dummy that passes the usual schemas for a variable of that name. */
function dummyFor(name: string): string {
  if (name.endsWith('_ARN')) return 'arn:aws:sns:us-east-1:000000000000:vigil-bench-dummy';
  if (name.endsWith('_URL')) return 'https://sqs.us-east-1.amazonaws.com/000000000000/vigil-bench-dummy';
  if (name.endsWith('_NAME') || name.endsWith('_TABLE')) return 'vigil-bench-dummy';
  return 'dummy';
}

function environmentOf(sections: unknown[], params: Json): Record<string, string> {
  const env: Record<string, string> = {};
  for (const section of sections) {
    for (const [name, value] of Object.entries(asObject(section))) {
      env[name] = resolveValue(value, params) ?? dummyFor(name);
    }
  }
  return env;
}

/** Every function of every service with a serverless.yml, in service then declaration order. */
export function listServiceFunctions(root: string): ServiceFunction[] {
  const found: ServiceFunction[] = [];
  const servicesDir = path.join(root, 'services');
  for (const service of readdirSync(servicesDir).sort()) {
    const serviceDir = path.join(servicesDir, service);
    const file = path.join(serviceDir, 'serverless.yml');
    if (!existsSync(file)) continue;
    const template = asObject(parseTemplateYaml(readFileSync(file, 'utf8')));
    const params = asObject(asObject(template.params).default);
    const provider = asObject(template.provider);
    for (const [name, definition] of Object.entries(asObject(template.functions))) {
      const fn = asObject(definition);
      const handler = String(fn.handler ?? '');
      const dot = handler.lastIndexOf('.');
      const base = path.join(serviceDir, handler.slice(0, dot));
      const entry =
        ['.ts', '.js', '.mjs'].map((ext) => base + ext).find((candidate) => existsSync(candidate)) ??
        `${base}.ts`;
      const memory = resolveValue(fn.memorySize ?? provider.memorySize ?? 1024, params);
      found.push({
        service,
        serviceDir,
        name,
        handler,
        entry,
        exportName: handler.slice(dot + 1),
        isPresent: existsSync(entry),
        memoryMb: Number(memory ?? 1024),
        architecture: (fn.architecture ?? provider.architecture) === 'arm64' ? 'arm64' : 'x86_64',
        env: environmentOf([provider.environment, fn.environment], params),
      });
    }
  }
  return found;
}

/** Services that have a folder but no serverless.yml yet (reported as missing). */
export function servicesWithoutTemplate(root: string): string[] {
  const servicesDir = path.join(root, 'services');
  return readdirSync(servicesDir)
    .filter((service) => !existsSync(path.join(servicesDir, service, 'serverless.yml')))
    .sort();
}
