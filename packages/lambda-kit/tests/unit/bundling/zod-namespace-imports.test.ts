import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { build, type Plugin } from 'esbuild';
import { rewriteZodImports, zodNamespaceImports } from '../../../src/bundling/zod-namespace-imports.cjs';

const FIXTURE = path.resolve(__dirname, '../../fixtures/zod-named-import.ts');
// A sentence of zod's Indonesian locale (ASCII, so minified output keeps it as is): present only when
// the whole `z` namespace is bundled.
const INDONESIAN_LOCALE = 'Input tidak valid: diharapkan';

async function bundle(plugins: Plugin[]): Promise<string> {
  const result = await build({
    stdin: {
      contents: `export { OrderSchema, isZodError } from ${JSON.stringify(FIXTURE)};`,
      resolveDir: path.dirname(FIXTURE),
      loader: 'ts',
    },
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    minify: true,
    logLevel: 'silent',
    plugins,
  });
  return result.outputFiles[0]?.text ?? '';
}

describe('rewriteZodImports', () => {
  it('turns the named z import into a namespace import', () => {
    // Act
    const text = rewriteZodImports("import { z } from 'zod';\nexport const S = z.string();");

    // Assess
    expect(text).toBe("import * as z from 'zod';\nexport const S = z.string();");
  });

  it('keeps the other specifiers of the same import', () => {
    // Act
    const text = rewriteZodImports('import { ZodError, z, type ZodType } from "zod"');

    // Assess
    expect(text).toBe('import * as z from "zod"; import { ZodError, type ZodType } from "zod";');
  });

  it('leaves type-only imports, other specifiers and other modules alone', () => {
    // Act
    const texts = [
      "import type { z } from 'zod';",
      "import { ZodError } from 'zod';",
      "import { z } from 'zod/mini';",
      "import { z } from './zod';",
    ].map(rewriteZodImports);

    // Assess
    expect(texts).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('zodNamespaceImports', () => {
  it('leaves zod locales out of a bundle that imports { z }', async () => {
    // Act
    const withPlugin = await bundle([zodNamespaceImports()]);
    const without = await bundle([]);

    // Assess
    expect(without.includes(INDONESIAN_LOCALE)).toBe(true);
    expect(withPlugin.includes(INDONESIAN_LOCALE)).toBe(false);
    expect(withPlugin.length).toBeLessThan(without.length / 3);
  });

  it('bundles code that still validates', async () => {
    // Prepare
    const code = await bundle([zodNamespaceImports()]);
    const module = { exports: {} as Record<string, unknown> };
    runInNewContext(code, { module, exports: module.exports, require });
    const { OrderSchema, isZodError } = module.exports as {
      OrderSchema: { parse(value: unknown): unknown };
      isZodError(error: unknown): boolean;
    };

    // Act
    const order = OrderSchema.parse({ orderId: 'o-1', quantity: 2 });
    let failure: unknown;
    try {
      OrderSchema.parse({ orderId: '', quantity: 0 });
    } catch (error) {
      failure = error;
    }

    // Assess
    expect(order).toEqual({ orderId: 'o-1', quantity: 2 });
    expect(isZodError(failure)).toBe(true);
  });
});
