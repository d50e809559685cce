// Raw-text prefilter. For a pattern, find strings such that ANY event matching it has at least one
// of them, verbatim, in its JSON text, provided that text contains no backslash (no JSON escapes,
// so every string and key appears exactly as written between its quotes).
//   - an exact string value `v` gives `"v"` (with both quotes), a prefix `p` gives `"p`;
//   - any other test that needs the field present gives the field name `"key"`;
//   - `exists: false` (the field may be absent) gives nothing;
//   - an AND of conditions may use any one of them (we pick the most selective);
//   - an `$or` needs every branch to give literals, and offers their union.
import { parsePattern } from './parse-pattern';
import type { FieldNode, LeafNode, ObjectNode } from './pattern-ast';

interface Alternatives {
  literals: string[];
  /** True when the literals are values (selective), false for field names (weak). */
  isValue: boolean;
}

/**
 * The alternative literal strings at least one of which appears in the raw JSON text of every event
 * matching `pattern`, or `undefined` when no such guarantee exists (e.g. only `exists: false`).
 *
 * Contract for callers: the guarantee holds only for JSON text without escapes. If the text contains
 * a backslash (`\"`, `\u00e9`, `\/`…), skip the prefilter and parse the event. Literals include their
 * JSON quotes: `"ConsoleLogin"` for an exact value, `"Delete` for a prefix, `"errorCode"` for a field
 * that must be present. Numbers, anything-but, equals-ignore-case, wildcard, suffix, cidr and
 * exists give only their field name.
 *
 * @example
 * ```ts
 * patternLiterals({ eventName: ['ConsoleLogin', { prefix: 'Delete' }] }); // ['"ConsoleLogin"', '"Delete']
 * patternLiterals({ errorCode: [{ exists: true }] }); // ['"errorCode"']
 * patternLiterals({ errorCode: [{ exists: false }] }); // undefined
 *
 * const literals = patternLiterals(rule.pattern);
 * const mayMatch = text.includes('\\') || literals === undefined || literals.some((l) => text.includes(l));
 * ```
 */
export function patternLiterals(pattern: unknown): string[] | undefined {
  return literalsOf(parsePattern(pattern));
}

/** Literals of an already parsed pattern tree. */
export function literalsOf(tree: ObjectNode): string[] | undefined {
  return objectAlternatives(tree)?.literals;
}

function objectAlternatives(node: ObjectNode): Alternatives | undefined {
  let best: Alternatives | undefined;
  for (const field of node.fields) best = better(best, fieldAlternatives(field));
  if (node.or !== undefined) best = better(best, orAlternatives(node.or));
  return best;
}

function orAlternatives(branches: readonly ObjectNode[]): Alternatives | undefined {
  const literals = new Set<string>();
  let isValue = true;
  for (const branch of branches) {
    const found = objectAlternatives(branch);
    if (found === undefined) return undefined;
    for (const literal of found.literals) literals.add(literal);
    isValue &&= found.isValue;
  }
  return { literals: [...literals], isValue };
}

function fieldAlternatives(field: FieldNode): Alternatives | undefined {
  if (field.body.kind === 'object') return objectAlternatives(field.body);
  return leafAlternatives(field.key, field.body);
}

function leafAlternatives(key: string, leaf: LeafNode): Alternatives | undefined {
  if (leaf.tests.some((test) => test.kind === 'exists' && !test.value)) return undefined;
  const values: string[] = [];
  for (const test of leaf.tests) {
    if (test.kind === 'exact' && typeof test.value === 'string' && isPlain(test.value)) {
      values.push(`"${test.value}"`);
    } else if (test.kind === 'prefix' && !test.ignoreCase && test.value !== '' && isPlain(test.value)) {
      values.push(`"${test.value}`);
    } else {
      values.length = 0;
      break;
    }
  }
  if (values.length > 0) return { literals: [...new Set(values)], isValue: true };
  return isPlain(key) ? { literals: [`"${key}"`], isValue: false } : undefined;
}

// Characters JSON must escape would put a backslash in the text, where callers skip the prefilter
// anyway; leaving them out keeps every literal a plain substring.
function isPlain(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x22 || code === 0x5c) return false;
  }
  return true;
}

function score(alternatives: Alternatives): number {
  const shortest = Math.min(...alternatives.literals.map((literal) => literal.length));
  return (alternatives.isValue ? 1000 : 0) + shortest - alternatives.literals.length / 100;
}

function better(
  current: Alternatives | undefined,
  candidate: Alternatives | undefined
): Alternatives | undefined {
  if (candidate === undefined) return current;
  if (current === undefined) return candidate;
  return score(candidate) > score(current) ? candidate : current;
}
