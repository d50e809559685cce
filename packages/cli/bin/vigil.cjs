#!/usr/bin/env node
'use strict';
// The CLI runs the TypeScript sources directly (no build step): tsx compiles them as they are required.
require('../../lambda-kit/register-esm-only.cjs');
require('tsx/cjs/api').register();

const argv = process.argv.slice(2);

// `vigil scan` and `vigil rules` only need the detection engine: registering just those commands keeps
// every other service's modules (AWS SDK, local-cloud, powertools) out of the process, which halves the
// memory an incident responder's scan takes. Anything else (or a missing parser) gets the full CLI.
function scanRegistrar() {
  if (argv[0] !== 'scan' && argv[0] !== 'rules') return undefined;
  let id;
  try {
    id = require.resolve('@vigil/cloudtrail-parser/cli');
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
  const { runCli } = require('../src/run-cli.ts');
  runCli(
    argv,
    {
      stdout: process.stdout,
      stderr: process.stderr,
      isTTY: process.stdout.isTTY === true,
      stderrIsTTY: process.stderr.isTTY === true,
      stdin: process.stdin,
    },
    { registrars: [(program, context) => registerScan(program, context)] }
  ).then((code) => {
    process.exitCode = code;
  });
}
