import { compilePattern } from '@vigil/event-patterns';
import type { RuleCondition } from './rule';

/** A compiled condition: true when the fully parsed CloudTrail record satisfies it. */
export type RecordPredicate = (record: Record<string, unknown>) => boolean;

/**
 * Every value at a dotted path of a record. Arrays on the way are flattened, as EventBridge and Sigma do
 * (`resources.ARN` reads the ARN of every resource). Missing paths give an empty list.
 */
export function readPath(record: unknown, path: string): unknown[] {
  let current: unknown[] = [record];
  for (const key of path.split('.')) {
    const next: unknown[] = [];
    for (const value of current) {
      collectChild(value, key, next);
    }
    if (next.length === 0) {
      return next;
    }
    current = next;
  }
  return current.flatMap((value) => (Array.isArray(value) ? value : [value]));
}

function collectChild(value: unknown, key: string, into: unknown[]): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      collectChild(item, key, into);
    }
    return;
  }
  if (typeof value === 'object' && value !== null && Object.hasOwn(value, key)) {
    into.push((value as Record<string, unknown>)[key]);
  }
}

function compileRegexLeaf(field: string, regex: string, flags: string | undefined): RecordPredicate {
  // Stateful flags would make `test` depend on the previous call.
  const expression = new RegExp(regex, (flags ?? '').replace(/[gy]/g, ''));
  return (record) =>
    readPath(record, field).some(
      (value) =>
        (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') &&
        expression.test(String(value))
    );
}

/**
 * Compiles a rule condition once into a predicate. Pattern leaves use `@vigil/event-patterns` (exact
 * EventBridge semantics); regex leaves test every scalar value at the field path. Throws
 * `InvalidPatternError` for a bad pattern and `SyntaxError` for a bad regex.
 */
export function compileRuleCondition(condition: RuleCondition): RecordPredicate {
  if ('pattern' in condition) {
    const compiled = compilePattern(condition.pattern);
    return (record) => compiled.matches(record);
  }
  if ('all' in condition) {
    const parts = condition.all.map(compileRuleCondition);
    return (record) => parts.every((part) => part(record));
  }
  if ('any' in condition) {
    const parts = condition.any.map(compileRuleCondition);
    return (record) => parts.some((part) => part(record));
  }
  if ('not' in condition) {
    const inner = compileRuleCondition(condition.not);
    return (record) => !inner(record);
  }
  return compileRegexLeaf(condition.field, condition.regex, condition.flags);
}

/** Every pattern leaf of a condition that must hold for it to match (the leaves directly under `all`). */
export function requiredPatterns(condition: RuleCondition): Record<string, unknown>[] {
  if ('pattern' in condition) {
    return [condition.pattern];
  }
  if ('all' in condition) {
    return condition.all.flatMap(requiredPatterns);
  }
  return [];
}
