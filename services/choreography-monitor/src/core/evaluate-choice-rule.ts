import type { ChoiceComparison, ChoiceRule } from './choice-rule';

const MISSING = Symbol('missing');

/** Splits the paths the compiler writes (`$.a.b['c-d']`) into keys. */
function pathKeys(path: string): string[] {
  const keys: string[] = [];
  const pattern = /\.([A-Za-z_][A-Za-z0-9_]*)|\['((?:[^'\\]|\\.)*)'\]/gy;
  pattern.lastIndex = 1;
  for (let match = pattern.exec(path); match !== null; match = pattern.exec(path)) {
    keys.push(match[1] ?? (match[2] ?? '').replace(/\\(.)/g, '$1'));
  }
  return keys;
}

function read(input: unknown, path: string): unknown {
  let current: unknown = input;
  for (const key of pathKeys(path)) {
    if (
      current === null ||
      typeof current !== 'object' ||
      Array.isArray(current) ||
      !Object.hasOwn(current, key)
    )
      return MISSING;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** ASL StringMatches: `*` is any run of characters, `\*` and `\\` are literal. */
function matchesWildcard(value: string, pattern: string): boolean {
  let regex = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern.charAt(index);
    if (char === '\\' && index + 1 < pattern.length) {
      index += 1;
      regex += pattern.charAt(index).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    } else if (char === '*') regex += '.*';
    else regex += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${regex}$`, 's').test(value);
}

function compare(rule: ChoiceComparison, value: unknown): boolean {
  if ('IsPresent' in rule) return (value !== MISSING) === rule.IsPresent;
  // Step Functions fails the execution on a missing path; the compiler always guards with IsPresent first.
  if (value === MISSING) return false;
  if ('IsString' in rule) return typeof value === 'string';
  if ('IsNumeric' in rule) return typeof value === 'number';
  if ('IsBoolean' in rule) return typeof value === 'boolean';
  if ('IsNull' in rule) return value === null;
  if ('StringEquals' in rule) return value === rule.StringEquals;
  if ('StringMatches' in rule) return typeof value === 'string' && matchesWildcard(value, rule.StringMatches);
  if ('BooleanEquals' in rule) return value === rule.BooleanEquals;
  if (typeof value !== 'number') return false;
  if ('NumericEquals' in rule) return value === rule.NumericEquals;
  if ('NumericGreaterThan' in rule) return value > rule.NumericGreaterThan;
  if ('NumericGreaterThanEquals' in rule) return value >= rule.NumericGreaterThanEquals;
  if ('NumericLessThan' in rule) return value < rule.NumericLessThan;
  return value <= rule.NumericLessThanEquals;
}

/**
 * Evaluates a Choice rule the compiler wrote against an execution state, as Step Functions would
 * (`And`/`Or` short-circuit). Used by the forwarder to know, before delivering, whether the waiting
 * state accepts an event.
 *
 * @example
 * evaluateChoiceRule({ Variable: '$.lastEvent.detailType', StringEquals: 'Order Packaged' }, { lastEvent }); // true
 */
export function evaluateChoiceRule(rule: ChoiceRule, input: unknown): boolean {
  if ('And' in rule) return rule.And.every((inner) => evaluateChoiceRule(inner, input));
  if ('Or' in rule) return rule.Or.some((inner) => evaluateChoiceRule(inner, input));
  if ('Not' in rule) return !evaluateChoiceRule(rule.Not, input);
  return compare(rule, read(input, rule.Variable));
}
