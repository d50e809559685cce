import { RuleLoadError } from '../errors';
import type { Rule } from './rule';

/**
 * Format of the compiled built-in pack: bump it whenever `Rule` changes shape, so a pack compiled by an
 * older loader is refused instead of misread.
 */
export const RULE_PACK_FORMAT = 'vigil-rule-pack/1';

/** The compiled pack as written to disk: a header for the integrity check, then the rules. */
export interface CompiledRulePack {
  format: typeof RULE_PACK_FORMAT;
  ruleCount: number;
  rules: readonly Rule[];
}

/** The pack as one JSON document: the exact `Rule[]` `loadBuiltinRules` gave, behind its header. */
export function serializeRulePack(rules: readonly Rule[]): string {
  const pack: CompiledRulePack = { format: RULE_PACK_FORMAT, ruleCount: rules.length, rules };
  return JSON.stringify(pack);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeValue(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

/**
 * The rules of a compiled pack. The rules are not validated again: the pack is produced by `sls package`
 * from rules that `loadBuiltinRules` has just validated (re-validating 164 rules with zod would put back
 * the cold-start cost the compiled pack removes). What is checked is cheap and catches a pack that is not
 * ours, from an older format, or cut short: the format, the rule count and each rule's id. Throws
 * `RuleLoadError` naming `source`.
 */
export function parseRulePack(text: string, source: string): Rule[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RuleLoadError(source, `compiled rule pack is not valid JSON (${(error as Error).message})`);
  }
  if (!isRecord(value) || value.format !== RULE_PACK_FORMAT) {
    const format = isRecord(value) ? value.format : undefined;
    throw new RuleLoadError(
      source,
      `not a compiled rule pack of format ${RULE_PACK_FORMAT} (format: ${describeValue(format)}); package the service again`
    );
  }
  const { ruleCount, rules } = value;
  if (!Array.isArray(rules) || typeof ruleCount !== 'number' || rules.length !== ruleCount) {
    throw new RuleLoadError(
      source,
      `compiled rule pack is damaged: header says ${describeValue(ruleCount)} rules, found ${Array.isArray(rules) ? rules.length : 'none'}`
    );
  }
  if (ruleCount === 0) {
    throw new RuleLoadError(source, 'compiled rule pack holds no rules');
  }
  rules.forEach((rule: unknown, index) => {
    if (!isRecord(rule) || typeof rule.id !== 'string' || rule.id === '') {
      throw new RuleLoadError(source, `compiled rule pack is damaged: rule ${index} has no id`);
    }
  });
  // Produced and validated by ourselves at package time (see above): the header check is the contract.
  return rules as Rule[];
}
