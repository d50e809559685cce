// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation/Serverless `${...}` placeholders, not JS templates
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { REPO_ROOT } from './package-service';

/**
 * What the dashboard expects of a service not written yet: the name the conventions imply
 * (`vigil-<short>`) and function keys after its handler files. Replaced by its serverless.yml once there.
 */
export const IMPLIED_SERVICES: Record<
  string,
  { service: string; functions: string[]; deadLetterQueues: string[] }
> = {
  'cloudtrail-parser': {
    service: 'vigil-cloudtrail',
    functions: ['ingestLogFiles', 'detectRealtimeEvent'],
    deadLetterQueues: ['vigil-${stage}-cloudtrail-log-files-dlq', 'vigil-${stage}-cloudtrail-realtime-dlq'],
  },
  'job-dispatcher': {
    service: 'vigil-jobs',
    functions: ['dispatchDueJobs', 'scheduleJob'],
    deadLetterQueues: ['vigil-${stage}-jobs-dlq', 'vigil-${stage}-jobs-tick-failures'],
  },
  'guardduty-correlator': {
    service: 'vigil-correlator',
    functions: ['ingestFindings', 'matchCorrelations', 'resolveDeletedResources'],
    deadLetterQueues: [
      'vigil-${stage}-correlator-ingest-dlq',
      'vigil-${stage}-correlator-match-dlq',
      'vigil-${stage}-correlator-resolve-dlq',
    ],
  },
  'choreography-monitor': {
    service: 'vigil-choreo',
    functions: ['forwardEvent', 'deliverInbox', 'startWorkflow', 'recordStatus'],
    deadLetterQueues: ['vigil-${stage}-choreography-dlq'],
  },
};

type Yaml = Record<string, unknown>;

function readYaml(folder: string): Yaml | undefined {
  const file = path.join(REPO_ROOT, 'services', folder, 'serverless.yml');
  if (!existsSync(file)) return undefined;
  // CloudFormation tags (!GetAtt X.Arn, !Ref X) read as their plain scalar: enough to find names.
  const parsed: unknown = YAML.parse(readFileSync(file, 'utf8'), { logLevel: 'silent' });
  return typeof parsed === 'object' && parsed !== null ? (parsed as Yaml) : undefined;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(strings);
  return [];
}

/** Values under the keys that name a dead-letter target, anywhere in `value`. */
function deadLetterRefs(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(deadLetterRefs);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    ['deadLetterTargetArn', 'DeadLetterConfig', 'onFailure', 'OnFailure'].includes(key)
      ? strings(item)
      : deadLetterRefs(item)
  );
}

export interface ServiceDefinition {
  folder: string;
  isDeclared: boolean;
  service: string;
  functions: string[];
  /** Queue names with `${stage}` for the stage. */
  deadLetterQueues: string[];
}

/** A service as its serverless.yml declares it (functions, DLQs), or as implied while it is not written. */
export function serviceDefinition(folder: string): ServiceDefinition {
  const implied = IMPLIED_SERVICES[folder];
  if (implied === undefined) throw new Error(`unknown service ${folder}`);
  const config = readYaml(folder);
  const functions = config?.functions;
  if (
    config === undefined ||
    typeof functions !== 'object' ||
    functions === null ||
    Object.keys(functions).length === 0
  ) {
    return { folder, isDeclared: false, ...implied };
  }
  const resources = ((config.resources as Yaml | undefined)?.Resources ?? {}) as Record<string, Yaml>;
  const referenced = new Set(deadLetterRefs([functions, resources]).map((ref) => ref.replace(/\.Arn$/, '')));
  const deadLetterQueues = Object.entries(resources)
    .filter(([, resource]) => resource.Type === 'AWS::SQS::Queue')
    .map(
      ([id, resource]) => [id, String((resource.Properties as Yaml | undefined)?.QueueName ?? '')] as const
    )
    // A DLQ is a redrive/on-failure target, or named as one (a queue the code parks failures in).
    .filter(([id, name]) => referenced.has(id) || /dlq(\.fifo)?$/.test(name))
    .map(([, name]) => name)
    .map((name) => name.replaceAll('${sls:stage}', '${stage}'));
  return {
    folder,
    isDeclared: true,
    service: String(config.service),
    functions: Object.keys(functions),
    deadLetterQueues,
  };
}

/** The service's TypeScript sources as one text (to check that a dashboard metric is really emitted). */
export function sourceText(folder: string): string | undefined {
  const src = path.join(REPO_ROOT, 'services', folder, 'src');
  if (!existsSync(src)) return undefined;
  const read = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return read(full);
      return name.endsWith('.ts') ? [readFileSync(full, 'utf8')] : [];
    });
  return read(src).join('\n');
}
