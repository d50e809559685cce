import { BUILTIN_CORRELATIONS_DIR, readRuleSources } from '../../src/adapters/rule-files';
import { loadRuleSet } from '../../src/core/load-rule-set';
import type { RuleSet } from '../../src/core/rule-set';

let cached: RuleSet | undefined;

/** The built-in rules of `correlations/`, compiled once per test file. */
export function builtinRuleSet(): RuleSet {
  cached ??= loadRuleSet(readRuleSources([BUILTIN_CORRELATIONS_DIR]));
  return cached;
}
