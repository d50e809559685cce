import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RuleSource } from '../core/parse-correlation-rules';

/** The built-in rules folder (`correlations/`), next to `src/` in the repo and in the Lambda package. */
export const BUILTIN_CORRELATIONS_DIR = path.resolve(__dirname, '../../correlations');

/**
 * Reads correlation rule files: each path may be a `.yml`/`.yaml` file or a folder (read recursively,
 * in name order so the result does not depend on the file system).
 */
export function readRuleSources(paths: readonly string[]): RuleSource[] {
  const sources: RuleSource[] = [];
  for (const target of paths) {
    if (statSync(target).isDirectory()) {
      const entries = readdirSync(target).sort();
      sources.push(
        ...readRuleSources(
          entries
            .filter((entry) => !entry.startsWith('.'))
            .map((entry) => path.join(target, entry))
            .filter((entry) => statSync(entry).isDirectory() || /\.ya?ml$/.test(entry))
        )
      );
    } else {
      sources.push({ name: target, text: readFileSync(target, 'utf8') });
    }
  }
  return sources;
}
