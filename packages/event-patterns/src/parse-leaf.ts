// Validates one element of a field's value array: a JSON scalar (exact match) or a match
// expression object with exactly one operator key.
import { parseCidr } from './cidr';
import { describeValue, isJsonObject } from './describe-value';
import { InvalidPatternError } from './errors';
import { parseNumeric } from './parse-numeric';
import type { AnythingButTest, LeafTest } from './pattern-ast';
import { parseWildcard, type WildcardPattern } from './wildcard';

/** Every operator key a match expression may use. */
export const OPERATORS: ReadonlySet<string> = new Set([
  'prefix',
  'suffix',
  'equals-ignore-case',
  'wildcard',
  'anything-but',
  'numeric',
  'exists',
  'cidr',
]);

const IGNORE_CASE = 'equals-ignore-case';

/** Parses one value-array element at `path`. */
export function parseLeafTest(value: unknown, path: string): LeafTest {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') {
    return { kind: 'exact', value };
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InvalidPatternError(path, `numbers must be finite, got ${value}`);
    return { kind: 'exact', value };
  }
  if (!isJsonObject(value)) {
    throw new InvalidPatternError(
      path,
      `values must be strings, numbers, booleans, null or match expressions, got ${describeValue(value)}`
    );
  }
  const keys = Object.keys(value);
  if (keys.length !== 1) {
    const names = keys.map((key) => JSON.stringify(key)).join(', ');
    throw new InvalidPatternError(
      path,
      `a match expression must have exactly one operator, got ${keys.length}${names ? ` (${names})` : ''}`
    );
  }
  const operator = keys[0] ?? '';
  return parseOperator(operator, value[operator], path);
}

function parseOperator(operator: string, operand: unknown, path: string): LeafTest {
  switch (operator) {
    case 'prefix':
    case 'suffix':
      return parseAffix(operator, operand, path);
    case IGNORE_CASE:
      return { kind: IGNORE_CASE, value: requireString(operator, operand, path) };
    case 'wildcard': {
      const text = requireString(operator, operand, path);
      return { kind: 'wildcard', value: text, wildcard: requireWildcard(text, path) };
    }
    case 'anything-but':
      return parseAnythingBut(operand, path);
    case 'numeric':
      return parseNumeric(operand, path);
    case 'exists':
      if (typeof operand !== 'boolean') {
        throw new InvalidPatternError(path, `"exists" must be true or false, got ${describeValue(operand)}`);
      }
      return { kind: 'exists', value: operand };
    case 'cidr': {
      const text = requireString(operator, operand, path);
      const range = parseCidr(text);
      if (typeof range === 'string') throw new InvalidPatternError(path, range);
      return { kind: 'cidr', value: text, range };
    }
    default:
      throw new InvalidPatternError(
        path,
        `unknown operator ${JSON.stringify(operator)} (supported: ${[...OPERATORS].join(', ')})`
      );
  }
}

function requireString(operator: string, operand: unknown, path: string): string {
  if (typeof operand !== 'string') {
    throw new InvalidPatternError(path, `"${operator}" must be a string, got ${describeValue(operand)}`);
  }
  return operand;
}

function requireWildcard(text: string, path: string): WildcardPattern {
  const parsed = parseWildcard(text);
  if (typeof parsed === 'string')
    throw new InvalidPatternError(path, `invalid wildcard ${JSON.stringify(text)}: ${parsed}`);
  return parsed;
}

function parseAffix(operator: 'prefix' | 'suffix', operand: unknown, path: string): LeafTest {
  if (isJsonObject(operand)) {
    const keys = Object.keys(operand);
    if (keys.length !== 1 || keys[0] !== IGNORE_CASE) {
      throw new InvalidPatternError(
        path,
        `"${operator}" takes a string or {"${IGNORE_CASE}": string}, got an object with ${keys.map((k) => JSON.stringify(k)).join(', ') || 'no keys'}`
      );
    }
    const text = requireString(`${operator}.${IGNORE_CASE}`, operand[IGNORE_CASE], path);
    return { kind: operator, value: text, ignoreCase: true };
  }
  return { kind: operator, value: requireString(operator, operand, path), ignoreCase: false };
}

function parseAnythingBut(operand: unknown, path: string): AnythingButTest {
  if (typeof operand === 'string') return { kind: 'anything-but', mode: 'values', values: [operand] };
  if (typeof operand === 'number' && Number.isFinite(operand)) {
    return { kind: 'anything-but', mode: 'values', values: [operand] };
  }
  if (Array.isArray(operand)) {
    const allStrings = operand.every((item) => typeof item === 'string');
    const allNumbers = operand.every((item) => typeof item === 'number' && Number.isFinite(item));
    if (operand.length === 0 || !(allStrings || allNumbers)) {
      throw new InvalidPatternError(
        path,
        `"anything-but" list must be non-empty and hold only strings or only numbers, got ${describeValue(operand)}`
      );
    }
    return { kind: 'anything-but', mode: 'values', values: operand as (string | number)[] };
  }
  if (isJsonObject(operand)) return parseAnythingButOperator(operand, path);
  throw new InvalidPatternError(
    path,
    `"anything-but" takes a string, a number, a list of either, or {prefix|suffix|wildcard|equals-ignore-case}, got ${describeValue(operand)}`
  );
}

function parseAnythingButOperator(operand: Record<string, unknown>, path: string): AnythingButTest {
  const keys = Object.keys(operand);
  const mode = keys[0];
  if (
    keys.length !== 1 ||
    (mode !== 'prefix' && mode !== 'suffix' && mode !== 'wildcard' && mode !== IGNORE_CASE)
  ) {
    throw new InvalidPatternError(
      path,
      `"anything-but" object must have exactly one of prefix, suffix, wildcard, equals-ignore-case, got ${keys.map((k) => JSON.stringify(k)).join(', ') || 'no keys'}`
    );
  }
  const raw = operand[mode];
  const values = typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(values) || values.length === 0 || !values.every((item) => typeof item === 'string')) {
    throw new InvalidPatternError(
      path,
      `"anything-but.${mode}" must be a string or a non-empty list of strings, got ${describeValue(raw)}`
    );
  }
  const strings = values as string[];
  if ((mode === 'prefix' || mode === 'suffix') && strings.includes('')) {
    throw new InvalidPatternError(path, `"anything-but.${mode}" cannot be empty`);
  }
  if (mode === 'wildcard') {
    return {
      kind: 'anything-but',
      mode,
      values: strings,
      wildcards: strings.map((w) => requireWildcard(w, path)),
    };
  }
  return { kind: 'anything-but', mode, values: strings };
}
