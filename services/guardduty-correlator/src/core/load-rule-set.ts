import { parseCorrelationRules, type RuleSource } from './parse-correlation-rules';
import { compileRuleSet, type RuleSet } from './rule-set';

/** Parses, validates and compiles rule files into the rule set the handlers use. */
export function loadRuleSet(sources: readonly RuleSource[]): RuleSet {
  return compileRuleSet(parseCorrelationRules(sources));
}
