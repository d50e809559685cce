/** Node's `require` (with `resolve`) in production, a stand-in in tests. */
export type RequireFn = ((id: string) => unknown) & { resolve(id: string): string };

/**
 * Requires `id`, returning `undefined` only when `id` itself cannot be resolved (its package is not installed
 * yet, or its `exports` target file does not exist yet). Once resolved, every failure while loading it is
 * rethrown, including a module missing *inside* it: that is a bug, not an absence.
 *
 * @example
 * ```ts
 * const cli = loadOptionalModule('@vigil/job-dispatcher/cli', require);
 * ```
 */
export function loadOptionalModule(id: string, requireFn: RequireFn): unknown {
  let resolved: string;
  try {
    resolved = requireFn.resolve(id);
  } catch (error) {
    // Duck-typed: a loader running in another realm (jest's sandbox) throws errors that fail `instanceof Error`.
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'MODULE_NOT_FOUND') {
      return undefined;
    }
    throw error;
  }
  return requireFn(resolved);
}
