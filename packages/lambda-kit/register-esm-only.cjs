'use strict';
// Handlers built with lambda-kit load middy 7, which ships only an `import` export condition. Lambda
// bundles (esbuild) and jest (scripts/jest/resolver.cjs) resolve it at build time; code that runs the
// TypeScript sources through tsx as CommonJS (the `vigil` CLI, benchmarks, ./scripts/start.sh) requires
// this file first: it adds the `import` condition for @middy/* and Node 22 loads the ES module via require.
const { registerHooks } = require('node:module');

const ESM_ONLY = /^@middy\//;

// Under jest the preset's resolver does this already (and jest's module registry bypasses these hooks).
// Jest's module wrapper hands every module a `jest` binding; a child process a test spawns inherits
// JEST_WORKER_ID but is plain Node, and needs the hook.
if (typeof jest === 'undefined') {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (!ESM_ONLY.test(specifier)) return nextResolve(specifier, context);
      return nextResolve(specifier, { ...context, conditions: [...(context.conditions ?? []), 'import'] });
    },
  });
}
