#!/usr/bin/env node
'use strict';
const path = require('node:path');

const argv = process.argv.slice(2);

// A scan allocates fast and keeps little. Left alone, V8 grows the young generation to 16 MB semi-spaces and
// lets the old generation reach several times its live size before collecting: peak memory 170 MB instead
// of 131 MB for bench scan's log, at ~3% of the time. Both flags are read at each collection, so setting
// them here works however the launcher is started.
if (argv[0] === 'scan') {
  const v8 = require('node:v8');
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  v8.setFlagsFromString('--heap-growing-percent=60');
}
// Workspace packages the CLI does not depend on (the services) resolve through pnpm's virtual store, as
// src/registry.ts's workspaceRequire does: `pnpm vigil` sets NODE_PATH to it, a plain `node` run does not.
const VIRTUAL_STORE = path.resolve(__dirname, '../../../node_modules/.pnpm');
function resolveWorkspace(id) {
  try {
    return require.resolve(id);
  } catch (error) {
    if (error.code !== 'MODULE_NOT_FOUND') throw error;
    return require.resolve(id, { paths: [VIRTUAL_STORE] });
  }
}

const io = {
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  stdin: process.stdin,
};

// `vigil scan` and `vigil rules` run from a cached esbuild bundle of the scan path when it can be built
// (services/cloudtrail-parser/src/core/scan/scan-bundle.cjs): no TypeScript compilation at start-up and a
// lighter process for an incident responder's scan. Resolves to undefined otherwise (tsx below).
function loadScanBundle() {
  if (argv[0] !== 'scan' && argv[0] !== 'rules') return Promise.resolve(undefined);
  try {
    const cli = resolveWorkspace('@vigil/cloudtrail-parser/cli');
    const bundler = require(path.join(path.dirname(cli), 'core/scan/scan-bundle.cjs'));
    return bundler.loadScanBundle(path.join(__dirname, '../src/run-cli.ts'));
  } catch {
    return Promise.resolve(undefined);
  }
}

function runScanCommands(runCli, registerScan) {
  runCli(argv, io, { registrars: [(program, context) => registerScan(program, context)] }).then((code) => {
    process.exitCode = code;
  });
}

// The CLI runs the TypeScript sources directly (no build step): tsx compiles them as they are required.
function runWithTsx() {
  require('../../lambda-kit/register-esm-only.cjs');
  require('tsx/cjs/api').register();

  // `vigil scan` and `vigil rules` only need the detection engine: registering just those commands keeps
  // every other service's modules (AWS SDK, local-cloud, powertools) out of the process, which halves the
  // memory an incident responder's scan takes. Anything else (or a missing parser) gets the full CLI.
  function scanRegistrar() {
    if (argv[0] !== 'scan' && argv[0] !== 'rules') return undefined;
    let id;
    try {
      id = resolveWorkspace('@vigil/cloudtrail-parser/cli');
    } catch {
      return undefined;
    }
    const { registerScanCommands } = require(id);
    return typeof registerScanCommands === 'function' ? registerScanCommands : undefined;
  }

  const registerScan = scanRegistrar();
  if (registerScan === undefined) {
    const { main } = require('../src/main.ts');
    main(argv);
  } else {
    runScanCommands(require('../src/run-cli.ts').runCli, registerScan);
  }
}

loadScanBundle().then((bundle) => {
  if (bundle !== undefined) runScanCommands(bundle.runCli, bundle.registerScanCommands);
  else runWithTsx();
});
