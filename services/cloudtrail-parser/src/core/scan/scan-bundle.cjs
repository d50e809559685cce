'use strict';
// `vigil scan` and `vigil rules` (packages/cli/bin/vigil.cjs) run from one CommonJS bundle of the scan path
// (the CLI runner and this service's scan commands), built with esbuild on first use and cached in
// node_modules/.cache/vigil, instead of tsx compiling ~240 TypeScript modules at every start. The bundle is
// rebuilt whenever one of its inputs changed (size or modification time). Without esbuild, or when the
// build fails, the launcher falls back to tsx: the bundle only makes the scan start faster and lighter.
const { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const SERVICE_DIR = path.resolve(__dirname, '../../..');
const CACHE_DIR = path.join(SERVICE_DIR, 'node_modules/.cache/vigil');
const BUNDLE = path.join(CACHE_DIR, 'scan-cli.cjs');
const MANIFEST = path.join(CACHE_DIR, 'scan-cli.json');
const FORMAT = 1;

function stampOf(file) {
  const info = statSync(file);
  return `${info.size}:${info.mtimeMs}`;
}

function isFresh(runCliPath) {
  try {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
    if (manifest.format !== FORMAT || manifest.runCli !== runCliPath || !existsSync(BUNDLE)) return false;
    return Object.entries(manifest.inputs).every(([file, stamp]) => stampOf(file) === stamp);
  } catch {
    return false;
  }
}

function findEsbuild() {
  // esbuild comes with tsx (a dependency of @vigil/cli), whose location the launcher resolves anyway.
  const tsx = require.resolve('tsx/cjs/api', {
    paths: [SERVICE_DIR, path.dirname(require.main?.filename ?? '')],
  });
  return require(require.resolve('esbuild', { paths: [path.dirname(tsx), SERVICE_DIR] }));
}

// Sources are bundled where they are, so `__dirname` (the built-in rules folder) keeps its value; the
// backfill command (AWS SDK) is required only by `registerCommands`, never by the scan path.
const sourcePlugin = {
  name: 'vigil-scan-sources',
  setup(build) {
    build.onResolve({ filter: /\/backfill-command$/ }, (args) => ({
      path: path.join(args.resolveDir, `${args.path}.ts`),
      external: true,
    }));
    build.onLoad({ filter: /\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll(
        '__dirname',
        JSON.stringify(path.dirname(args.path))
      ),
      loader: 'ts',
    }));
  },
};

async function buildBundle(runCliPath) {
  const esbuild = findEsbuild();
  const entry = [
    `const { runCli } = require(${JSON.stringify(runCliPath)});`,
    `const { registerScanCommands } = require(${JSON.stringify(path.join(SERVICE_DIR, 'src/cli.ts'))});`,
    'module.exports = { runCli, registerScanCommands };',
  ].join('\n');
  const result = await esbuild.build({
    stdin: { contents: entry, resolveDir: SERVICE_DIR, loader: 'js', sourcefile: 'vigil-scan-entry.js' },
    absWorkingDir: SERVICE_DIR,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['@aws-sdk/*', 'esbuild', 'tsx'],
    plugins: [sourcePlugin],
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const inputs = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = path.resolve(SERVICE_DIR, input);
    if (existsSync(file)) inputs[file] = stampOf(file);
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  // Written beside, then renamed: a concurrent `vigil scan` never loads half a bundle.
  const partial = `${BUNDLE}.${process.pid}.partial`;
  writeFileSync(partial, result.outputFiles[0].contents);
  renameSync(partial, BUNDLE);
  writeFileSync(
    `${MANIFEST}.${process.pid}.partial`,
    JSON.stringify({ format: FORMAT, runCli: runCliPath, inputs })
  );
  renameSync(`${MANIFEST}.${process.pid}.partial`, MANIFEST);
}

/**
 * The scan bundle's exports (`runCli`, `registerScanCommands`), built first when missing or stale, or
 * undefined when it cannot be built (the caller then runs the sources through tsx).
 * `runCliPath` is the CLI package's `src/run-cli.ts`.
 */
async function loadScanBundle(runCliPath) {
  if (process.env.VIGIL_SCAN_BUNDLE === 'off') return undefined;
  let bundle;
  try {
    if (!isFresh(runCliPath)) await buildBundle(runCliPath);
    bundle = require(BUNDLE);
  } catch {
    return undefined;
  }
  return bundle;
}

module.exports = { loadScanBundle };
