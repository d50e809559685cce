'use strict';
// Handlers built with lambda-kit load middy 7, which ships only an `import` export condition. Lambda
// bundles (esbuild) and jest (scripts/jest/resolver.cjs) resolve it at build time; code that runs the
// TypeScript sources through tsx as CommonJS (the `vigil` CLI, benchmarks, ./scripts/start.sh) requires
// this file first: it adds the `import` condition for @middy/* and Node 22 loads the ES module via require.
const { registerHooks } = require('node:module');

const ESM_ONLY = /^@middy\//;

// Under jest the preset's resolver does this already (and jest's module registry bypasses these hooks).
if (process.env.JEST_WORKER_ID === undefined) {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (!ESM_ONLY.test(specifier)) return nextResolve(specifier, context);
      return nextResolve(specifier, { ...context, conditions: [...(context.conditions ?? []), 'import'] });
    },
  });
}
