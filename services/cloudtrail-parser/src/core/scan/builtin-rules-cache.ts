import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Rule } from '../rule';
import { BUILTIN_RULES_DIR, listRuleFiles, loadBuiltinRules } from '../rule-loader';

/** Where `vigil scan` keeps what it can reuse between runs (the built-in pack, the scan bundle). */
export const SCAN_CACHE_DIR = path.resolve(BUILTIN_RULES_DIR, '../node_modules/.cache/vigil');
const CACHE_FORMAT = 1;
// The loader and the schemas decide what a rule file becomes: a change to them invalidates the cache too.
const CORE_DIR = path.resolve(BUILTIN_RULES_DIR, '../src/core');

async function sourceFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true, encoding: 'utf8' });
  return names.filter((name) => name.endsWith('.ts')).map((name) => path.join(dir, name));
}

/** A digest of every rule file's and loader source's path, size and modification time. */
async function packSignature(): Promise<string> {
  const files = [...(await listRuleFiles(BUILTIN_RULES_DIR)), ...(await sourceFiles(CORE_DIR))].sort();
  const stamps = await Promise.all(
    files.map(async (file) => {
      const info = await stat(file);
      return `${file}\t${info.size}\t${info.mtimeMs}`;
    })
  );
  return createHash('sha256')
    .update(`${CACHE_FORMAT}\n${stamps.join('\n')}`)
    .digest('hex');
}

/**
 * The built-in pack, as `loadBuiltinRules` gives it, from a JSON copy validated on an earlier run when no
 * rule file or loader source changed since (one `JSON.parse` instead of parsing and validating 164 YAML
 * files: a faster start and a lower peak memory for `vigil scan`). The copy is refreshed otherwise; a
 * cache that cannot be read or written is ignored.
 */
export async function loadBuiltinRulesCached(cacheDir: string = SCAN_CACHE_DIR): Promise<Rule[]> {
  let signature: string | undefined;
  const file = path.join(cacheDir, 'builtin-rules.json');
  try {
    signature = await packSignature();
    const cached = JSON.parse(await readFile(file, 'utf8')) as { signature?: unknown; rules?: unknown };
    if (cached.signature === signature && Array.isArray(cached.rules)) return cached.rules as Rule[];
  } catch {
    // no cache yet, or unreadable: load the pack
  }
  const rules = await loadBuiltinRules();
  if (signature !== undefined) {
    try {
      await mkdir(cacheDir, { recursive: true });
      const partial = `${file}.${process.pid}.partial`;
      await writeFile(partial, JSON.stringify({ signature, rules }));
      await rename(partial, file);
    } catch {
      // a read-only install: no cache
    }
  }
  return rules;
}
