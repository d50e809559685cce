import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { findRepoRoot } from './corpora-dir';

const run = promisify(execFile);

/** One resource of a packaged CloudFormation template: the parts tests read. */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown> | undefined;
  Condition?: string | undefined;
  DependsOn?: string | string[] | undefined;
}

/** A CloudFormation template as `serverless package` writes it (`cloudformation-template-update-stack.json`). */
export interface CloudFormationTemplate {
  Resources: Record<string, CfnResource>;
  Conditions?: Record<string, unknown> | undefined;
  Outputs?: Record<string, unknown> | undefined;
}

export interface PackageServiceOptions {
  /** osls params, passed as `--param=<name>=<value>`. */
  params?: Record<string, string> | undefined;
  /** Keep the package folder (zips, templates) and return it; the caller removes it. */
  keepDir?: boolean | undefined;
}

export interface PackagedService {
  template: CloudFormationTemplate;
  /** The package folder, only when `keepDir` was set. */
  dir?: string | undefined;
}

// serverless-esbuild bundles every function, which takes a while for the larger services on 2 cores.
const PACKAGE_TIMEOUT_MS = 180_000;

/**
 * Packages a service with osls (`serverless package --stage <stage>`) and returns its CloudFormation
 * template. It runs `<repo root>/node_modules/.bin/serverless` (osls: no login) without AWS credentials,
 * so it proves the service packages offline. The package folder is a fresh temporary folder, removed
 * afterwards unless `keepDir` is set. Asynchronous, so several services can be packaged in parallel;
 * packagings of one service must not overlap (serverless-esbuild builds in the service's `.esbuild`).
 *
 * @example
 * ```ts
 * let resources: Record<string, CfnResource>;
 * beforeAll(async () => {
 *   ({ template: { Resources: resources } } = await packageServiceTemplate(path.resolve(__dirname, '../..'), 'dev'));
 * }, 120_000);
 *
 * const { template, dir } = await packageServiceTemplate(serviceDir, 'dev', { keepDir: true });
 * readZipEntries(path.join(dir, 'ingestLogFiles.zip'));
 * rmSync(dir, { recursive: true, force: true });
 * ```
 */
export function packageServiceTemplate(
  serviceDir: string,
  stage: string,
  options: PackageServiceOptions & { keepDir: true }
): Promise<PackagedService & { dir: string }>;
export function packageServiceTemplate(
  serviceDir: string,
  stage: string,
  options?: PackageServiceOptions
): Promise<PackagedService>;
export async function packageServiceTemplate(
  serviceDir: string,
  stage: string,
  options: PackageServiceOptions = {}
): Promise<PackagedService> {
  const root = findRepoRoot(serviceDir);
  if (root === undefined) throw new Error(`${serviceDir} is not inside the Vigil repository`);
  const params = Object.entries(options.params ?? {}).map(([name, value]) => `--param=${name}=${value}`);
  const dir = mkdtempSync(path.join(tmpdir(), `vigil-${path.basename(serviceDir)}-${stage}-`));
  // A failed packaging never leaves its folder behind, even with keepDir.
  let kept = false;
  try {
    await run(
      path.join(root, 'node_modules/.bin/serverless'),
      ['package', '--stage', stage, '--package', dir, ...params],
      {
        cwd: serviceDir,
        timeout: PACKAGE_TIMEOUT_MS,
        maxBuffer: 16 * 1024 * 1024,
        env: {
          ...process.env,
          SLS_TELEMETRY_DISABLED: '1',
          AWS_ACCESS_KEY_ID: '',
          AWS_SECRET_ACCESS_KEY: '',
          AWS_SESSION_TOKEN: '',
          AWS_PROFILE: 'vigil-none',
        },
      }
    ).catch((error: unknown) => {
      throw new Error(`serverless package --stage ${stage} failed in ${serviceDir}:\n${outputTail(error)}`, {
        cause: error,
      });
    });
    const file = path.join(dir, 'cloudformation-template-update-stack.json');
    const template = JSON.parse(readFileSync(file, 'utf8')) as CloudFormationTemplate;
    kept = options.keepDir === true;
    return kept ? { template, dir } : { template };
  } finally {
    if (!kept) rmSync(dir, { recursive: true, force: true });
  }
}

/** The last lines osls printed: where it says what went wrong. */
function outputTail(error: unknown): string {
  const output = error as { stdout?: string; stderr?: string; message?: string };
  const text = `${output.stderr ?? ''}\n${output.stdout ?? ''}`.trim() || String(output.message ?? error);
  return text.split('\n').slice(-20).join('\n');
}
