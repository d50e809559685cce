import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The repository root: the nearest folder above `from` holding `pnpm-workspace.yaml`, or `undefined`.
 *
 * @example
 * ```ts
 * findRepoRoot(__dirname); // '/work/main'
 * ```
 */
export function findRepoRoot(from: string): string | undefined {
  let dir = path.resolve(from);
  for (;;) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Where the shared test corpora would be: `<repo root>/../shared/corpora` (they are never copied into the
 * repo). The root is searched from `process.cwd()`, then from this file.
 *
 * @example
 * ```ts
 * expectedCorporaDir(); // '/work/shared/corpora'
 * ```
 */
export function expectedCorporaDir(): string | undefined {
  const root = findRepoRoot(process.cwd()) ?? findRepoRoot(__dirname);
  return root === undefined ? undefined : path.resolve(root, '..', 'shared', 'corpora');
}

/**
 * Absolute path of the shared corpora folder, or `undefined` when it is absent (a fresh clone elsewhere).
 *
 * @example
 * ```ts
 * const corpora = corporaDir();
 * if (corpora) loadJson(path.join(corpora, 'powertools-ts-events/events/s3Event.json'));
 * ```
 */
export function corporaDir(): string | undefined {
  const dir = expectedCorporaDir();
  return dir !== undefined && existsSync(dir) ? dir : undefined;
}
