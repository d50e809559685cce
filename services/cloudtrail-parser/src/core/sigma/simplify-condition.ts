// Keeps compiled conditions small: flattens nested all/any, unwraps single children, removes double
// negation, and merges AND-ed pattern leaves over different fields into one EventBridge pattern (which
// the engine's literal prefilter and pattern index can use).
import type { RuleCondition } from '../rule';

type Pattern = Record<string, unknown>;

function isPlainObject(value: unknown): value is Pattern {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep-merges two patterns when no field (or `$or`) is constrained by both; otherwise `undefined`. */
function mergePatterns(left: Pattern, right: Pattern): Pattern | undefined {
  const merged: Pattern = { ...left };
  for (const [key, value] of Object.entries(right)) {
    const existing = merged[key];
    if (existing === undefined) {
      merged[key] = value;
    } else if (key !== '$or' && isPlainObject(existing) && isPlainObject(value)) {
      const inner = mergePatterns(existing, value);
      if (inner === undefined) {
        return undefined;
      }
      merged[key] = inner;
    } else {
      return undefined;
    }
  }
  return merged;
}

function mergeAllPatterns(children: RuleCondition[]): RuleCondition[] {
  const result: RuleCondition[] = [];
  for (const child of children) {
    if ('pattern' in child) {
      const index = result.findIndex((other) => 'pattern' in other);
      const target = result[index];
      const merged =
        target !== undefined && 'pattern' in target
          ? mergePatterns(target.pattern, child.pattern)
          : undefined;
      if (merged !== undefined) {
        result[index] = { pattern: merged };
        continue;
      }
    }
    result.push(child);
  }
  return result;
}

/** Returns an equivalent, smaller condition. */
export function simplifyCondition(condition: RuleCondition): RuleCondition {
  if ('not' in condition) {
    const inner = simplifyCondition(condition.not);
    return 'not' in inner ? inner.not : { not: inner };
  }
  if ('all' in condition || 'any' in condition) {
    const isAll = 'all' in condition;
    const children = (isAll ? condition.all : condition.any).map(simplifyCondition);
    const flat = children.flatMap((child) => {
      if (isAll && 'all' in child) {
        return child.all;
      }
      if (!isAll && 'any' in child) {
        return child.any;
      }
      return [child];
    });
    const merged = isAll ? mergeAllPatterns(flat) : flat;
    if (merged.length === 1 && merged[0] !== undefined) {
      return merged[0];
    }
    return isAll ? { all: merged } : { any: merged };
  }
  return condition;
}
