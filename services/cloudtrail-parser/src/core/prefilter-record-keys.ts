import type { Rule, RuleCondition } from './rule';

/**
 * Top-level record keys every rule's threshold/dedup bookkeeping reads (`eventID`, else `requestID`, and
 * `eventTime`), plus `eventVersion` for the CloudTrail shape check.
 */
export const BASE_RECORD_KEYS: readonly string[] = ['eventVersion', 'eventTime', 'eventID', 'requestID'];

function firstSegment(path: string): string {
  const dot = path.indexOf('.');
  return dot === -1 ? path : path.slice(0, dot);
}

function patternKeys(pattern: unknown, into: Set<string>): boolean {
  if (typeof pattern !== 'object' || pattern === null || Array.isArray(pattern)) return false;
  for (const [key, value] of Object.entries(pattern)) {
    if (key !== '$or') {
      into.add(key);
      continue;
    }
    if (!Array.isArray(value)) return false;
    for (const branch of value) {
      if (!patternKeys(branch, into)) return false;
    }
  }
  return true;
}

function conditionKeys(condition: RuleCondition, into: Set<string>): boolean {
  if ('pattern' in condition) return patternKeys(condition.pattern, into);
  if ('all' in condition) return condition.all.every((part) => conditionKeys(part, into));
  if ('any' in condition) return condition.any.every((part) => conditionKeys(part, into));
  if ('not' in condition) return conditionKeys(condition.not, into);
  into.add(firstSegment(condition.field));
  return true;
}

/**
 * The top-level keys of a record that deciding `rule` reads: its pattern's (every `$or` branch's) or its
 * condition's fields, its threshold `groupBy` and dedup `key` paths, and {@link BASE_RECORD_KEYS}. A
 * record reduced to these keys (each with its whole value) matches the rule, and gives the same threshold
 * and dedup keys, exactly when the full record does. `undefined` when they cannot be told (then the
 * record is parsed whole).
 *
 * @example
 * ```ts
 * ruleRecordKeys({ pattern: { eventName: ['GetObject'] }, threshold: { groupBy: ['userIdentity.arn'], … } });
 * // ['eventVersion', 'eventTime', 'eventID', 'requestID', 'eventName', 'userIdentity']
 * ```
 */
export function ruleRecordKeys(
  rule: Pick<Rule, 'pattern' | 'condition' | 'threshold' | 'dedup'>
): string[] | undefined {
  const keys = new Set(BASE_RECORD_KEYS);
  const isKnown =
    rule.pattern !== undefined
      ? patternKeys(rule.pattern, keys)
      : rule.condition !== undefined && conditionKeys(rule.condition, keys);
  if (!isKnown) return undefined;
  for (const path of [...(rule.threshold?.groupBy ?? []), ...(rule.dedup?.key ?? [])]) {
    keys.add(firstSegment(path));
  }
  return [...keys];
}

function patternLeafPaths(pattern: unknown, prefix: string, into: Set<string>): boolean {
  if (typeof pattern !== 'object' || pattern === null || Array.isArray(pattern)) return false;
  for (const [key, value] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!Array.isArray(value)) return false;
      for (const branch of value) {
        if (!patternLeafPaths(branch, prefix, into)) return false;
      }
    } else if (Array.isArray(value)) {
      into.add(`${prefix}${key}`);
    } else if (!patternLeafPaths(value, `${prefix}${key}.`, into)) {
      return false;
    }
  }
  return true;
}

/**
 * The dotted paths of a record that deciding a pattern rule reads: its pattern's leaves (every `$or`
 * branch's), its threshold `groupBy` and dedup `key` paths, and {@link BASE_RECORD_KEYS}. A record reduced to
 * the scalar values at these paths matches the rule, and gives the same threshold and dedup keys, exactly
 * when the full record does. `undefined` for condition rules (their regex leaves read arrays too).
 *
 * @example
 * ```ts
 * ruleRecordPaths({ pattern: { userIdentity: { type: ['Root'] } } });
 * // ['eventVersion', 'eventTime', 'eventID', 'requestID', 'userIdentity.type']
 * ```
 */
export function ruleRecordPaths(
  rule: Pick<Rule, 'pattern' | 'condition' | 'threshold' | 'dedup'>
): string[] | undefined {
  const paths = new Set(BASE_RECORD_KEYS);
  if (rule.pattern === undefined || !patternLeafPaths(rule.pattern, '', paths)) return undefined;
  for (const path of [...(rule.threshold?.groupBy ?? []), ...(rule.dedup?.key ?? [])]) paths.add(path);
  return [...paths];
}
