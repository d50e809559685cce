#!/usr/bin/env node
// `pnpm --silent bench <name>`: runs the one benchmark named <name>.bench.ts found under a workspace's
// bench/ folder (packages/*/bench or services/*/bench), or here in scripts/bench for cross-service ones.
// Contract (DESIGN.md): readable lines, then one JSON line.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');

function findBenchmarks() {
  const found = new Map();
  for (const file of readdirSync(__dirname)) {
    const match = /^(.+)\.bench\.ts$/.exec(file);
    if (match?.[1]) found.set(match[1], path.join(__dirname, file));
  }
  for (const group of ['packages', 'services']) {
    for (const workspace of readdirSync(path.join(root, group))) {
      const dir = path.join(root, group, workspace, 'bench');
      if (!existsSync(dir)) continue;
      for (const file of readdirSync(dir)) {
        const match = /^(.+)\.bench\.ts$/.exec(file);
        if (match?.[1]) found.set(match[1], path.join(dir, file));
      }
    }
  }
  return found;
}

const [name, ...args] = process.argv.slice(2);
const benchmarks = findBenchmarks();
const file = name ? benchmarks.get(name) : undefined;
if (!file) {
  const known = [...benchmarks.keys()].sort().join(', ') || 'none yet';
  process.stderr.write(
    `vigil: bench: ${name ? `unknown benchmark "${name}"` : 'name a benchmark'} (known: ${known})\n`
  );
  process.exit(2);
}
const tsx = require.resolve('tsx/cli', { paths: [root] });
// Benchmarks load handlers (middy 7 is ESM-only): see packages/lambda-kit/register-esm-only.cjs.
const esmOnly = path.join(root, 'packages/lambda-kit/register-esm-only.cjs');
const result = spawnSync(process.execPath, ['--expose-gc', '--require', esmOnly, tsx, file, ...args], {
  stdio: 'inherit',
  cwd: path.dirname(file) === __dirname ? root : path.dirname(path.dirname(file)),
});
process.exit(result.status ?? 1);
