// Bundles one handler the way serverless-esbuild does for `sls package` (the services' custom.esbuild:
// bundle, minify, CJS, target node22, platform node, `@aws-sdk/*` external), or as the baseline: the same
// entry without minification and tree-shaking and with the AWS SDK bundled in.
import { statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

/** `lambda`: as deployed; `baseline`: no minify, no tree-shaking, SDK inside; `standalone`: as deployed but with the SDK inside (runs anywhere). */
export type BundleMode = 'lambda' | 'baseline' | 'standalone';

export interface Bundle {
  file: string;
  bytes: number;
  /** Bytes per package (`src` for the workspace's own code), the biggest first, from esbuild's metafile. */
  topInputs: { input: string; bytes: number }[];
}

export async function bundleHandler(
  entry: string,
  serviceDir: string,
  outDir: string,
  mode: BundleMode
): Promise<Bundle> {
  const file = path.join(outDir, mode, `${path.basename(entry).replace(/\.[cm]?[jt]s$/, '')}.js`);
  const isLambda = mode === 'lambda';
  const result = await build({
    entryPoints: [entry],
    outfile: file,
    absWorkingDir: serviceDir,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: isLambda,
    treeShaking: mode !== 'baseline',
    external: isLambda ? ['@aws-sdk/*'] : [],
    metafile: true,
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0];
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
