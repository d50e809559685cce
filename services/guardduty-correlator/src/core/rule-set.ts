import { compilePatternSet } from '@vigil/event-patterns';
import type { CorrelationRule } from './correlation-rule';
import type { ResourceKind } from './resource-key';

/** The enabled rules compiled once: every signal of every rule in one indexed pattern set. */
export type RuleSet = {
  readonly rules: readonly CorrelationRule[];
  /** The rules that correlate findings on this kind of resource. */
  rulesFor(kind: ResourceKind): readonly CorrelationRule[];
  /** For each rule with a matching signal, the ids of the signals the ASFF finding matches. */
  signalsOf(finding: unknown): Map<string, Set<string>>;
};

const SEPARATOR = '\u0000';

/**
 * Compiles the enabled rules into a {@link RuleSet}.
 *
 * @example compileRuleSet(parseCorrelationRules(sources)).signalsOf(asffFinding)
 */
export function compileRuleSet(allRules: readonly CorrelationRule[]): RuleSet {
  const rules = allRules.filter((rule) => rule.enabled);
  const patterns = compilePatternSet(
    rules.flatMap((rule) =>
      rule.signals.map((signal) => ({ id: `${rule.id}${SEPARATOR}${signal.id}`, pattern: signal.pattern }))
    )
  );
  const byKind = new Map<ResourceKind, CorrelationRule[]>();
  for (const rule of rules) {
    for (const kind of rule.resourceTypes) byKind.set(kind, [...(byKind.get(kind) ?? []), rule]);
  }
  return {
    rules,
    rulesFor: (kind) => byKind.get(kind) ?? [],
    signalsOf(finding) {
      const matched = new Map<string, Set<string>>();
      for (const id of patterns.match(finding)) {
        const [ruleId = '', signalId = ''] = id.split(SEPARATOR);
        const signals = matched.get(ruleId) ?? new Set<string>();
        signals.add(signalId);
        matched.set(ruleId, signals);
      }
      return matched;
    },
  };
}
