// esbuild does not tree-shake a namespace that reaches a module through a named import: `import { z } from
// 'zod'` (zod's own `export { z }` of `import * as z`) makes esbuild build the whole namespace object, so
// every bundle carries all of zod 4 (its ~40 locales, JSON Schema conversion, ...: ~445 KB minified).
// `import * as z from 'zod'` is the same binding (zod's index re-exports the namespace's members) and lets
// esbuild keep only the members the module reads. Powertools' parser schemas use the named form too, and
// they are not ours to edit, so the rewrite happens at bundle time for every module.
'use strict';

const { readFile } = require('node:fs/promises');

/** `import { ..., z, ... } from 'zod'` (value imports only; `import type { z }` is erased anyway). */
const NAMED_ZOD_IMPORT = /import\s*\{([^}]*)\}\s*from\s*(['"])zod\2\s*;?/g;

const LOADERS = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
  '.js': 'js',
  '.mjs': 'js',
  '.cjs': 'js',
};

/**
 * Rewrites the named `z` import of zod into a namespace import, keeping the other specifiers.
 *
 * @param {string} source a module's text
 * @returns {string | undefined} the rewritten text, or undefined when the module has no such import
 *
 * @example
 * ```js
 * rewriteZodImports("import { ZodError, z } from 'zod';");
 * // "import * as z from 'zod'; import { ZodError } from 'zod';"
 * ```
 */
function rewriteZodImports(source) {
  let isChanged = false;
  const text = source.replace(NAMED_ZOD_IMPORT, (statement, list, quote) => {
    const specifiers = list
      .split(',')
      .map((specifier) => specifier.trim())
      .filter(Boolean);
    if (!specifiers.includes('z')) return statement;
    isChanged = true;
    const others = specifiers.filter((specifier) => specifier !== 'z');
    const namespace = `import * as z from ${quote}zod${quote};`;
    return others.length === 0
      ? namespace
      : `${namespace} import { ${others.join(', ')} } from ${quote}zod${quote};`;
  });
  return isChanged ? text : undefined;
}

/**
 * The esbuild plugin applying {@link rewriteZodImports} to every loaded module (ours and node_modules').
 *
 * @returns {import('esbuild').Plugin}
 *
 * @example
 * ```js
 * await esbuild.build({ entryPoints: ['src/handlers/x.ts'], bundle: true, plugins: [zodNamespaceImports()] });
 * ```
 */
function zodNamespaceImports() {
  return {
    name: 'vigil-zod-namespace-imports',
    setup(build) {
      build.onLoad({ filter: /\.(?:[cm]?[jt]s|tsx)$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        // Cheap test first: most modules never mention zod.
        if (!source.includes('zod')) return undefined;
        const contents = rewriteZodImports(source);
        if (contents === undefined) return undefined;
        const extension = /\.[^.]+$/.exec(args.path)?.[0] ?? '.js';
        return { contents, loader: LOADERS[extension] ?? 'js' };
      });
    },
  };
}

module.exports = { rewriteZodImports, zodNamespaceImports };
