// The handlers run in this process, compiled to CommonJS by tsx. middy 7 ships only an `import` export
// condition, so `require('@middy/core')` would fail to resolve: add that condition for @middy/* (as the
// jest resolver does); Node 22 then loads the ES module through require.
import module from 'node:module';

const ESM_ONLY = /^@middy\//;

module.registerHooks({
  resolve(specifier, context, nextResolve) {
    if (!ESM_ONLY.test(specifier)) return nextResolve(specifier, context);
    return nextResolve(specifier, { ...context, conditions: [...(context.conditions ?? []), 'import'] });
  },
});
