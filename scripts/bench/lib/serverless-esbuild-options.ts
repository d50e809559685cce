// The esbuild options serverless-esbuild builds a service's functions with, read from its serverless.yml
// (`custom.esbuild`) and resolved the way the plugin does (serverless-esbuild 1.57 `getBuildOptions` and
// `bundle`): its defaults under the service's settings, its own keys removed, `exclude` turned into
// externals and `plugins` required from the named file. The benchmarks bundle with exactly these, so a
// change to a service's bundling shows in `pnpm bench lambda`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BuildOptions, Plugin } from 'esbuild';
import { parseTemplateYaml } from '../../../packages/local-cloud/src/resources/parse-template-yaml';

type Json = Record<string, unknown>;
const asObject = (value: unknown): Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
const strings = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');

// serverless-esbuild's defaults for what reaches esbuild (`target` comes from the runtime when not set).
const DEFAULTS: Json = { bundle: true, platform: 'node', external: [], exclude: ['aws-sdk'] };
const RUNTIME_TARGETS: Record<string, string> = { 'nodejs20.x': 'node20', 'nodejs22.x': 'node22' };
// Keys serverless-esbuild reads itself and removes before calling esbuild.
const PLUGIN_KEYS = [
  'concurrency',
  'zipConcurrency',
  'exclude',
  'nativeZip',
  'packager',
  'packagePath',
  'watch',
  'keepOutputDirectory',
  'packagerOptions',
  'installExtraArgs',
  'outputFileExtension',
  'outputBuildFolder',
  'outputWorkFolder',
  'nodeExternals',
  'skipBuild',
  'skipRebuild',
  'skipBuildExcludeFns',
  'stripEntryResolveExtensions',
  'disposeContext',
  'config',
];

function loadPlugins(serviceDir: string, setting: unknown): Plugin[] {
  if (Array.isArray(setting)) return setting as Plugin[];
  if (typeof setting !== 'string') return [];
  const loaded: unknown = require(path.join(serviceDir, setting));
  const plugins = asObject(loaded).default ?? loaded;
  if (typeof plugins === 'function') return (plugins as (serverless: unknown) => Plugin[])(undefined);
  if (!Array.isArray(plugins)) throw new Error(`${setting}: expected an array of esbuild plugins`);
  return plugins as Plugin[];
}

/** The esbuild options of `serviceDir`'s functions, as `serverless package` would pass them. */
export function serverlessEsbuildOptions(serviceDir: string): BuildOptions {
  const template = asObject(parseTemplateYaml(readFileSync(path.join(serviceDir, 'serverless.yml'), 'utf8')));
  const runtime = String(asObject(template.provider).runtime ?? '');
  const custom = asObject(asObject(template.custom).esbuild);
  if (typeof custom.config === 'string') {
    throw new Error(
      `${serviceDir}: custom.esbuild.config (a JS config file) is not supported by the benchmark`
    );
  }
  const settings: Json = { ...DEFAULTS, target: RUNTIME_TARGETS[runtime] ?? 'node18', ...custom };
  const exclude = strings(settings.exclude);
  const options: Json = { ...settings };
  for (const key of PLUGIN_KEYS) delete options[key];
  return {
    ...(options as BuildOptions),
    external: [...strings(settings.external), ...(exclude.includes('*') ? [] : exclude)],
    plugins: loadPlugins(serviceDir, settings.plugins),
  };
}
