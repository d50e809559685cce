import { compilePatternSet, type PatternSet } from '@vigil/event-patterns';
import { RawPrefilter } from './prefilter';
import { type LiteralSet, type PrefilterLiteral, ruleLiterals } from './prefilter-literals';
import { ruleRecordKeys, ruleRecordPaths } from './prefilter-record-keys';
import type { Rule, RuleCondition } from './rule';
import { compileRuleCondition, type RecordPredicate, requiredPatterns } from './rule-condition';

const NO_RULES: readonly Rule[] = Object.freeze([]);

/** Which enabled rules match a fully parsed record, and how to skip records no rule can match. */
export interface DetectionEngine {
  /** The enabled rules, in load order. */
  readonly rules: readonly Rule[];
  /** Stateless: the enabled rules matching this record, in load order (threshold/dedup come later). */
  evaluate(record: Record<string, unknown>): Rule[];
  /**
   * The rules at `positions` (indexes into `rules`; the candidates the prefilter let through) that match
   * the record, in load order. The record may hold only `recordKeys` of those rules: every other rule
   * is left out, so keys missing from a partial record cannot make it match.
   */
  evaluateAmong(record: Record<string, unknown>, positions: readonly number[]): readonly Rule[];
  /** Per rule: the top-level record keys deciding it reads (see `ruleRecordKeys`). */
  readonly recordKeys: readonly (readonly string[] | undefined)[];
  /** Per rule: the dotted record paths deciding it reads, for pattern rules (see `ruleRecordPaths`). */
  readonly recordPaths: readonly (readonly string[] | undefined)[];
  /** Per rule (same order as `rules`): the literals that gate it, or undefined when it cannot be prefiltered. */
  readonly literalSets: readonly LiteralSet[];
  /** A raw-text prefilter for these rules, plus `extra` literals (e.g. `AssumeRole` for enrichment). */
  createPrefilter(extra?: readonly PrefilterLiteral[]): RawPrefilter;
}

interface ConditionRule {
  position: number;
  predicate: RecordPredicate;
  /** Id of an indexed gate pattern that must match first, when the condition has one. */
  gateId: string | undefined;
}

/**
 * Compiles the enabled rules once. Pattern rules go into one indexed `PatternSet` (only candidate rules run
 * per record); condition rules (Sigma) compile to predicates, gated by an indexed pattern when their
 * condition requires one. Throws `InvalidPatternError` (with the rule id) for a bad pattern.
 */
export function createDetectionEngine(rules: readonly Rule[]): DetectionEngine {
  const enabled = rules.filter((rule) => rule.enabled !== false);
  const entries: { id: string; pattern: unknown }[] = [];
  const conditionRules: ConditionRule[] = [];
  const positionById = new Map<string, number>();
  enabled.forEach((rule, position) => {
    if (rule.pattern !== undefined) {
      entries.push({ id: `rule:${position}`, pattern: rule.pattern });
      positionById.set(`rule:${position}`, position);
      return;
    }
    if (rule.condition === undefined) {
      return;
    }
    const gate = requiredPatterns(rule.condition)[0];
    const gateId = gate === undefined ? undefined : `gate:${position}`;
    if (gate !== undefined && gateId !== undefined) {
      entries.push({ id: gateId, pattern: gate });
    }
    conditionRules.push({ position, predicate: compileRuleCondition(rule.condition), gateId });
  });
  const patternSet: PatternSet = compilePatternSet(entries);
  const ungated = conditionRules.filter((rule) => rule.gateId === undefined);
  const byGate = new Map(
    conditionRules.flatMap((rule) => (rule.gateId === undefined ? [] : [[rule.gateId, rule]]))
  );

  const evaluate = (record: Record<string, unknown>): Rule[] => {
    const ids = patternSet.match(record);
    if (ids.length === 0 && ungated.length === 0) {
      return [];
    }
    const positions: number[] = [];
    for (const id of ids) {
      const position = positionById.get(id);
      if (position !== undefined) {
        positions.push(position);
        continue;
      }
      const gated = byGate.get(id);
      if (gated?.predicate(record)) {
        positions.push(gated.position);
      }
    }
    for (const rule of ungated) {
      if (rule.predicate(record)) {
        positions.push(rule.position);
      }
    }
    positions.sort((a, b) => a - b);
    return positions.map((position) => enabled[position] as Rule);
  };

  // The few candidate rules of a record are tested one by one with their own predicates (compiled on
  // first use), exactly as the reference evaluation does.
  const predicates: (RecordPredicate | undefined)[] = [];
  // Matches come back in pack order. Candidates arrive in any order, but few of them match: the matched
  // positions are sorted, not the candidates (sorting every candidate list was a large share of the scan's
  // allocations).
  const evaluateAmong = (record: Record<string, unknown>, among: readonly number[]): readonly Rule[] => {
    let matched: number[] | undefined;
    for (const position of among) {
      const rule = enabled[position];
      if (rule === undefined) continue;
      let predicate = predicates[position];
      if (predicate === undefined) {
        predicate = compileRuleCondition(ruleCondition(rule));
        predicates[position] = predicate;
      }
      if (!predicate(record)) continue;
      matched ??= [];
      matched.push(position);
    }
    if (matched === undefined) return NO_RULES;
    if (matched.length > 1) matched.sort((a, b) => a - b);
    return matched.map((position) => enabled[position] as Rule);
  };

  const literalSets = enabled.map((rule) => ruleLiterals(rule));
  return {
    rules: enabled,
    evaluate,
    evaluateAmong,
    recordKeys: enabled.map((rule) => ruleRecordKeys(rule)),
    recordPaths: enabled.map((rule) => ruleRecordPaths(rule)),
    literalSets,
    createPrefilter: (extra = []) => new RawPrefilter([...literalSets, ...extra.map((literal) => [literal])]),
  };
}

/** A rule's pattern or condition as one condition (a rule with neither matches nothing). */
function ruleCondition(rule: Rule): RuleCondition {
  return rule.pattern !== undefined ? { pattern: rule.pattern } : (rule.condition ?? { any: [] });
}

/**
 * The reference evaluation: every enabled rule's own compiled predicate on the record, no index, no
 * prefilter. Used by tests and the benchmark baseline to prove the fast path changes nothing.
 */
export function createNaiveEvaluator(rules: readonly Rule[]): (record: Record<string, unknown>) => Rule[] {
  const compiled = rules
    .filter((rule) => rule.enabled !== false)
    .map((rule) => ({
      rule,
      predicate: compileRuleCondition(ruleCondition(rule)),
    }));
  return (record) => compiled.filter((entry) => entry.predicate(record)).map((entry) => entry.rule);
}
