import { UnsupportedConditionError } from '../errors';
import { allOf, anyOf, type ChoiceRule, detailPath } from './choice-rule';

type Json = unknown;

const isObject = (value: Json): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** EventBridge wildcards and ASL StringMatches both escape `*` and `\` with a backslash. */
function escapeMatch(text: string): string {
  return text.replace(/[\\*]/g, (char) => `\\${char}`);
}

function where(keys: readonly string[]): string {
  return ['detail', ...keys].join('.');
}

function present(variable: string): ChoiceRule {
  return { Variable: variable, IsPresent: true };
}

/** A plain value: EventBridge compares type and value exactly (`"5"` never matches `5`). */
function compileValue(variable: string, value: Json, keys: readonly string[]): ChoiceRule {
  if (typeof value === 'string')
    return allOf([
      present(variable),
      { Variable: variable, IsString: true },
      { Variable: variable, StringEquals: value },
    ]);
  if (typeof value === 'number')
    return allOf([
      present(variable),
      { Variable: variable, IsNumeric: true },
      { Variable: variable, NumericEquals: value },
    ]);
  if (typeof value === 'boolean')
    return allOf([
      present(variable),
      { Variable: variable, IsBoolean: true },
      { Variable: variable, BooleanEquals: value },
    ]);
  if (value === null) return allOf([present(variable), { Variable: variable, IsNull: true }]);
  throw new UnsupportedConditionError(
    where(keys),
    `expected strings, numbers, booleans, null or an operator, got ${JSON.stringify(value)}`
  );
}

function stringMatch(variable: string, pattern: string): ChoiceRule {
  return allOf([
    present(variable),
    { Variable: variable, IsString: true },
    { Variable: variable, StringMatches: pattern },
  ]);
}

const NUMERIC_OPERATORS: Record<string, (variable: string, bound: number) => ChoiceRule> = {
  '=': (Variable, NumericEquals) => ({ Variable, NumericEquals }),
  '>': (Variable, NumericGreaterThan) => ({ Variable, NumericGreaterThan }),
  '>=': (Variable, NumericGreaterThanEquals) => ({ Variable, NumericGreaterThanEquals }),
  '<': (Variable, NumericLessThan) => ({ Variable, NumericLessThan }),
  '<=': (Variable, NumericLessThanEquals) => ({ Variable, NumericLessThanEquals }),
};

function compileNumeric(variable: string, spec: Json, keys: readonly string[]): ChoiceRule {
  if (!Array.isArray(spec) || spec.length === 0 || spec.length % 2 !== 0) {
    throw new UnsupportedConditionError(
      where(keys),
      'numeric expects pairs of operator and number, e.g. [">", 0, "<=", 5]'
    );
  }
  const rules: ChoiceRule[] = [present(variable), { Variable: variable, IsNumeric: true }];
  for (let index = 0; index < spec.length; index += 2) {
    const operator = spec[index];
    const bound = spec[index + 1];
    const build = typeof operator === 'string' ? NUMERIC_OPERATORS[operator] : undefined;
    if (build === undefined || typeof bound !== 'number') {
      throw new UnsupportedConditionError(
        where(keys),
        `numeric: expected an operator (=, >, >=, <, <=) and a number, got ${JSON.stringify(operator)}, ${JSON.stringify(bound)}`
      );
    }
    rules.push(build(variable, bound));
  }
  return allOf(rules);
}

function compileAnythingBut(variable: string, spec: Json, keys: readonly string[]): ChoiceRule {
  // EventBridge's anything-but never matches a missing field.
  const excluded = isObject(spec)
    ? compileOperator(variable, spec, keys)
    : anyOf((Array.isArray(spec) ? spec : [spec]).map((value) => compileValue(variable, value, keys)));
  return allOf([present(variable), { Not: excluded }]);
}

function compileOperator(
  variable: string,
  operator: Record<string, unknown>,
  keys: readonly string[]
): ChoiceRule {
  const entries = Object.entries(operator);
  const [name, spec] = entries[0] ?? [];
  if (entries.length !== 1 || name === undefined)
    throw new UnsupportedConditionError(where(keys), 'an operator object has exactly one key');
  switch (name) {
    case 'prefix':
      if (typeof spec !== 'string') break;
      return stringMatch(variable, `${escapeMatch(spec)}*`);
    case 'suffix':
      if (typeof spec !== 'string') break;
      return stringMatch(variable, `*${escapeMatch(spec)}`);
    case 'wildcard':
      if (typeof spec !== 'string') break;
      return stringMatch(variable, spec);
    case 'numeric':
      return compileNumeric(variable, spec, keys);
    case 'exists':
      if (typeof spec !== 'boolean') break;
      return { Variable: variable, IsPresent: spec };
    case 'anything-but':
      return compileAnythingBut(variable, spec, keys);
    default:
      throw new UnsupportedConditionError(
        where(keys),
        `the "${name}" operator is not supported in choreography conditions (use exact values, prefix, suffix, wildcard, numeric, exists or anything-but)`
      );
  }
  throw new UnsupportedConditionError(where(keys), `"${name}" has an invalid value ${JSON.stringify(spec)}`);
}

function compileLeaf(keys: readonly string[], leaf: Json): ChoiceRule {
  if (!Array.isArray(leaf) || leaf.length === 0) {
    throw new UnsupportedConditionError(
      where(keys),
      'expected a non-empty array of values or operators (EventBridge pattern syntax)'
    );
  }
  const variable = detailPath(keys);
  return anyOf(
    leaf.map((item) =>
      isObject(item) ? compileOperator(variable, item, keys) : compileValue(variable, item, keys)
    )
  );
}

function compileObject(keys: readonly string[], pattern: Record<string, unknown>): ChoiceRule[] {
  return Object.entries(pattern).flatMap(([key, value]) => {
    if (key.startsWith('$'))
      throw new UnsupportedConditionError(
        where([...keys, key]),
        `"${key}" is not supported in choreography conditions`
      );
    return isObject(value) ? compileObject([...keys, key], value) : [compileLeaf([...keys, key], value)];
  });
}

/**
 * Compiles the EventBridge pattern a transition puts on `detail` into an ASL Choice rule over
 * `$.lastEvent.detail`. Scalar fields match as EventBridge matches them (type-exact values, prefix, suffix,
 * wildcard, numeric ranges, exists, anything-but); operators ASL cannot express (`cidr`,
 * `equals-ignore-case`, `$or`) are refused with the field's path. Returns `[]` for no conditions.
 *
 * @example
 * compileDetailCondition({ status: ['approved'] });
 * // [{ And: [{ Variable: '$.lastEvent.detail.status', IsPresent: true }, …IsString…, …StringEquals: 'approved'] }]
 */
export function compileDetailCondition(pattern: Record<string, unknown> | undefined): ChoiceRule[] {
  if (pattern === undefined) return [];
  return compileObject([], pattern);
}
