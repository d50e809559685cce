import { type Config, rulePackFileOf, rulesDirOf } from '../config';
import type { Rule } from '../core/rule';
import { CODE_ROOT } from './code-root';
import { readRulePackFile } from './rule-pack-file';

/**
 * Where the functions get the built-in pack from. With RULE_PACK_FILE (always, in Lambda): the compiled
 * pack, read now — at cold start, legitimate init work of ~4 ms — so a missing or damaged pack fails the
 * init loudly. Without it (tests, dev scripts): the YAML files of RULES_DIR, loaded and validated on first
 * use; the loader (and the YAML parser behind it) is imported only then, so it is no part of the bundle's
 * module-load work.
 */
export function createBuiltinRuleSource(
  config: Pick<Config, 'RULE_PACK_FILE' | 'RULES_DIR' | 'LAMBDA_TASK_ROOT'>,
  codeRoot: string = CODE_ROOT
): () => Promise<readonly Rule[]> {
  const packFile = rulePackFileOf(config, codeRoot);
  if (packFile !== undefined) {
    const rules = readRulePackFile(packFile);
    return () => Promise.resolve(rules);
  }
  const rulesDir = rulesDirOf(config);
  return async () => (await import('../core/rule-loader')).loadBuiltinRules(rulesDir);
}
