import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseRulePack, serializeRulePack } from '../core/compiled-rule-pack';
import type { Rule } from '../core/rule';
import { RuleLoadError } from '../errors';

/**
 * Reads the compiled pack synchronously: the functions do it at cold start, so a missing or damaged pack
 * fails the init with a `RuleLoadError` naming the file instead of the first event.
 */
export function readRulePackFile(file: string): Rule[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RuleLoadError(
      file,
      code === 'ENOENT'
        ? 'compiled rule pack not found (`sls package` writes it from rules/**; RULE_PACK_FILE names it)'
        : (error as Error).message,
      { cause: error }
    );
  }
  return parseRulePack(text, file);
}

/** Writes a compiled pack; atomic, so a concurrent packaging or reader never sees half a file. */
export function writeRulePackFile(file: string, rules: readonly Rule[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, serializeRulePack(rules));
  renameSync(partial, file);
}
