// One Sigma value (after modifiers) → an EventBridge matcher for the field's value list, or a condition
// when no EventBridge operator is exact (case-insensitive wildcards and `|re` become regex leaves).
import type { RuleCondition } from '../rule';
import { UnsupportedSigmaRuleError } from './errors';
import {
  isCaseless,
  parseSigmaString,
  type SigmaStringPart,
  toEventBridgeWildcard,
  toRegexSource,
  wrapWithWildcards,
} from './sigma-string';

export type StringMode = 'equals' | 'contains' | 'startswith' | 'endswith';

/** What one value compiles to: EventBridge matchers (OR) or a standalone condition on the field. */
export type CompiledValue = { matchers: unknown[] } | { condition: RuleCondition };

const NUMERIC_TEXT = /^-?(0|[1-9]\d*)(\.\d+)?$/;
const BOOLEAN_TEXT = /^(true|false)$/i;

function stringOf(value: unknown, what: string): string {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  throw new UnsupportedSigmaRuleError(`${what}: expected a string or number, got ${JSON.stringify(value)}`);
}

/** Plain equality: case-insensitive unless `cased`, and "textual" so `'true'`/`'22'` also match true/22. */
function compileEquals(text: string, cased: boolean): unknown[] {
  const matchers: unknown[] = [cased || isCaseless(text) ? text : { 'equals-ignore-case': text }];
  if (BOOLEAN_TEXT.test(text)) {
    matchers.push(text.toLowerCase() === 'true');
  }
  if (NUMERIC_TEXT.test(text)) {
    matchers.push(Number(text));
  }
  return matchers;
}

function compileWildcards(field: string, parts: SigmaStringPart[], cased: boolean): CompiledValue {
  const [first] = parts;
  const last = parts.at(-1);
  const texts = parts.filter((part) => part.kind === 'text').map((part) => part.text);
  const caseless = cased || texts.every(isCaseless);
  const wrap = (operator: 'prefix' | 'suffix', text: string): unknown =>
    caseless ? { [operator]: text } : { [operator]: { 'equals-ignore-case': text } };
  // EventBridge prefix/suffix have an ignore-case form; use them when they say exactly the same.
  if (parts.length === 2 && first?.kind === 'text' && last?.kind === 'any') {
    return { matchers: [wrap('prefix', first.text)] };
  }
  if (parts.length === 2 && first?.kind === 'any' && last?.kind === 'text') {
    return { matchers: [wrap('suffix', last.text)] };
  }
  const hasSingle = parts.some((part) => part.kind === 'one');
  if (caseless && !hasSingle) {
    return { matchers: [{ wildcard: toEventBridgeWildcard(parts) }] };
  }
  // EventBridge `wildcard` is case-sensitive and has no `?`: a regex leaf says it exactly.
  return { condition: { field, regex: toRegexSource(parts), ...(caseless ? {} : { flags: 'i' }) } };
}

/** A string/number/boolean value under `equals`/`contains`/`startswith`/`endswith` (Sigma wildcards apply). */
export function compileStringValue(
  field: string,
  value: unknown,
  options: { mode: StringMode; cased: boolean }
): CompiledValue {
  if (options.mode === 'equals' && (typeof value === 'number' || typeof value === 'boolean')) {
    return { matchers: [value, String(value)] };
  }
  const text = stringOf(value, field);
  const parts = wrapWithWildcards(parseSigmaString(text), {
    before: options.mode === 'contains' || options.mode === 'endswith',
    after: options.mode === 'contains' || options.mode === 'startswith',
  });
  const isPlain = parts.every((part) => part.kind === 'text');
  if (isPlain) {
    return { matchers: compileEquals(parts[0]?.kind === 'text' ? parts[0].text : '', options.cased) };
  }
  return compileWildcards(field, parts, options.cased);
}

/** `field: null` — Sigma means "no value": the field is null or absent. */
export function compileNullValue(field: string): CompiledValue {
  return {
    condition: {
      any: [{ pattern: nestPattern(field, [null]) }, { pattern: nestPattern(field, [{ exists: false }]) }],
    },
  };
}

/** `|re` (with optional `|i`, `|m`, `|s`): a regex leaf, validated now so a bad regex rejects the rule. */
export function compileRegexValue(field: string, value: unknown, flags: string): CompiledValue {
  let source = stringOf(value, `${field}|re`);
  let allFlags = flags;
  // PCRE's leading inline flags `(?i)` etc. are common in Sigma; JavaScript has no such syntax.
  const inline = /^\(\?([ims]+)\)/.exec(source);
  if (inline?.[1] !== undefined) {
    allFlags += inline[1];
    source = source.slice(inline[0].length);
  }
  const uniqueFlags = [...new Set(allFlags)].sort().join('');
  try {
    new RegExp(source, uniqueFlags);
  } catch (error) {
    throw new UnsupportedSigmaRuleError(
      `${field}|re: regex ${JSON.stringify(source)} is not valid in JavaScript (${(error as Error).message})`
    );
  }
  return { condition: { field, regex: source, ...(uniqueFlags === '' ? {} : { flags: uniqueFlags }) } };
}

/** `|cidr`: EventBridge's own `cidr` operator (IPv4 and IPv6). */
export function compileCidrValue(field: string, value: unknown): CompiledValue {
  if (typeof value !== 'string' || !/^[0-9A-Fa-f:.]+\/\d{1,3}$/.test(value)) {
    throw new UnsupportedSigmaRuleError(`${field}|cidr: expected a CIDR block, got ${JSON.stringify(value)}`);
  }
  return { matchers: [{ cidr: value }] };
}

/** `|gt`, `|gte`, `|lt`, `|lte`: EventBridge `numeric`. */
export function compileNumericValue(field: string, value: unknown, operator: string): CompiledValue {
  const number = typeof value === 'string' && NUMERIC_TEXT.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) {
    throw new UnsupportedSigmaRuleError(
      `${field}|${operator}: expected a number, got ${JSON.stringify(value)}`
    );
  }
  const symbol = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[operator];
  return { matchers: [{ numeric: [symbol, number] }] };
}

/** `a.b.c` + value list → `{ a: { b: { c: list } } }`. */
export function nestPattern(field: string, leaf: unknown[]): Record<string, unknown> {
  const keys = field.split('.');
  let pattern: unknown = leaf;
  for (let index = keys.length - 1; index >= 0; index -= 1) {
    pattern = { [keys[index] ?? '']: pattern };
  }
  return pattern as Record<string, unknown>;
}
