/**
 * The subset of ASL Choice rules the compiler writes (JSONPath query language). The forwarder evaluates
 * the same rules (see `evaluate-choice-rule.ts`), so "does this state accept this event?" has one answer.
 */
export type ChoiceComparison =
  | { Variable: string; IsPresent: boolean }
  | { Variable: string; IsString: true }
  | { Variable: string; IsNumeric: true }
  | { Variable: string; IsBoolean: true }
  | { Variable: string; IsNull: true }
  | { Variable: string; StringEquals: string }
  | { Variable: string; StringMatches: string }
  | { Variable: string; BooleanEquals: boolean }
  | { Variable: string; NumericEquals: number }
  | { Variable: string; NumericGreaterThan: number }
  | { Variable: string; NumericGreaterThanEquals: number }
  | { Variable: string; NumericLessThan: number }
  | { Variable: string; NumericLessThanEquals: number };

export type ChoiceRule =
  | ChoiceComparison
  | { And: ChoiceRule[] }
  | { Or: ChoiceRule[] }
  | { Not: ChoiceRule };

/** Where the event a waiting state received sits in the execution's state (`ResultPath` of the wait). */
export const LAST_EVENT_PATH = '$.lastEvent';

/** `$.lastEvent.detail.a.b` for `['a', 'b']`; keys that are not plain identifiers use bracket notation. */
export function detailPath(keys: readonly string[]): string {
  return keys.reduce(
    (path, key) =>
      /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}['${key.replace(/'/g, "\\'")}']`,
    `${LAST_EVENT_PATH}.detail`
  );
}

/** `And` of the rules (nested `And`s flattened), or the rule itself when there is only one. */
export function allOf(rules: ChoiceRule[]): ChoiceRule {
  const flat = rules.flatMap((rule) => ('And' in rule ? rule.And : [rule]));
  const [first, ...rest] = flat;
  return first !== undefined && rest.length === 0 ? first : { And: flat };
}

/** `Or` of the rules, or the rule itself when there is only one. */
export function anyOf(rules: ChoiceRule[]): ChoiceRule {
  const [first, ...rest] = rules;
  return first !== undefined && rest.length === 0 ? first : { Or: rules };
}
