import module from 'node:module';

let isRegistered = false;

/**
 * Lets `require` load middy 7, which exports an `import` condition only, when the handlers run
 * in-process under tsx's CommonJS hook (scenarios, benchmark) — the same fix the jest preset's resolver
 * applies. Node 22 loads the ES module synchronously (`require(esm)`).
 */
export function resolveEsmOnlyPackages(): void {
  // Under jest the preset's resolver does this (and jest refuses loader hooks).
  if (isRegistered || process.env.JEST_WORKER_ID !== undefined) return;
  isRegistered = true;
  module.registerHooks({
    resolve(specifier, context, nextResolve) {
      if (!specifier.startsWith('@middy/')) return nextResolve(specifier, context);
      return nextResolve(specifier, { ...context, conditions: [...(context.conditions ?? []), 'import'] });
    },
  });
}
