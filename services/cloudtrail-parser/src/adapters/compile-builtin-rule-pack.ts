import { statSync } from 'node:fs';
import { BUILTIN_RULES_DIR, loadBuiltinRules } from '../core/rule-loader';
import { readRulePackFile, writeRulePackFile } from './rule-pack-file';

/**
 * Compiles the built-in pack (the YAML files of `rulesDir`, loaded and validated by `loadBuiltinRules`)
 * into `file` — what `sls package` ships instead of rules/** (plugins/compile-rule-pack.cjs) — then reads
 * it back through the functions' own reader, so a pack that would fail at cold start fails the packaging.
 */
export async function compileBuiltinRulePack(
  file: string,
  rulesDir: string = BUILTIN_RULES_DIR
): Promise<{ ruleCount: number; bytes: number }> {
  const rules = await loadBuiltinRules(rulesDir);
  writeRulePackFile(file, rules);
  const reread = readRulePackFile(file);
  return { ruleCount: reread.length, bytes: statSync(file).size };
}
