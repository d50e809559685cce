// Bundles one handler the way serverless-esbuild does for `sls package` (the service's own
// `custom.esbuild`, see serverless-esbuild-options.ts), or as the baseline: the same entry without
// minification, tree-shaking or plugins and with the AWS SDK bundled in.
import { statSync } from 'node:fs';
import path from 'node:path';
import { type BuildOptions, build } from 'esbuild';
import { serverlessEsbuildOptions } from './serverless-esbuild-options';

/** `lambda`: as deployed; `baseline`: no minify, no tree-shaking, SDK inside; `standalone`: as deployed but with the SDK inside (runs anywhere). */
export type BundleMode = 'lambda' | 'baseline' | 'standalone';

export interface Bundle {
  file: string;
  bytes: number;
  /** Bytes per package (`src` for the workspace's own code), the biggest first, from esbuild's metafile. */
  topInputs: { input: string; bytes: number }[];
}

function optionsFor(serviceDir: string, mode: BundleMode): BuildOptions {
  const deployed = serverlessEsbuildOptions(serviceDir);
  if (mode === 'lambda') return deployed;
  if (mode === 'standalone') return { ...deployed, external: [] };
  return {
    bundle: true,
    platform: 'node',
    target: deployed.target ?? 'node22',
    format: deployed.format ?? 'cjs',
    minify: false,
    treeShaking: false,
  };
}

/**
 * `handlerPath` (serverless.yml's handler without the export, e.g. `src/handlers/ingest-log-files`) lays the
 * bundle out as in the function's zip, under `<outDir>/<mode>/` (its task root): code that finds its files
 * relative to the bundle then finds them there. Without it, the bundle is `<outDir>/<mode>/<name>.js`.
 */
export async function bundleHandler(
  entry: string,
  serviceDir: string,
  outDir: string,
  mode: BundleMode,
  handlerPath?: string | undefined
): Promise<Bundle> {
  const file = path.join(
    outDir,
    mode,
    `${handlerPath ?? path.basename(entry).replace(/\.[cm]?[jt]s$/, '')}.js`
  );
  const result = await build({
    ...optionsFor(serviceDir, mode),
    entryPoints: [entry],
    outfile: file,
    absWorkingDir: serviceDir,
    // A source map (sourcemap: linked) is written next to the bundle and not counted: Lambda only loads it
    // when NODE_OPTIONS has --enable-source-maps, and only to rewrite stack traces.
    metafile: true,
    logLevel: 'silent',
  });
  const output = Object.entries(result.metafile?.outputs ?? {}).find(([name]) => name.endsWith('.js'))?.[1];
  const byPackage = new Map<string, number>();
  for (const [input, facts] of Object.entries(output?.inputs ?? {})) {
    const name = packageOf(input);
    byPackage.set(name, (byPackage.get(name) ?? 0) + facts.bytesInOutput);
  }
  const topInputs = [...byPackage.entries()]
    .map(([input, bytes]) => ({ input, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 6);
  return { file, bytes: statSync(file).size, topInputs };
}

/** `…/node_modules/@scope/name/…` → `@scope/name`; workspace sources → their workspace folder. */
function packageOf(input: string): string {
  const match = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (match?.[1]) return match[1];
  const workspace = /(?:^|\/)((?:packages|services)\/[^/]+)\//.exec(input);
  return workspace?.[1] ?? 'src';
}
