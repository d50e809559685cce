import { compileObject } from './compile-object';
import { parsePattern } from './parse-pattern';
import { literalsOf } from './pattern-literals';

/**
 * A pattern compiled once into closures; `matches` does no parsing or validation per event.
 *
 * @example
 * ```ts
 * const compiled: CompiledPattern = compilePattern({ errorCode: [{ prefix: 'AccessDenied' }] });
 * compiled.matches({ errorCode: 'AccessDeniedException' }); // true
 * compiled.literals; // ['"AccessDenied']
 * ```
 */
export interface CompiledPattern {
  /** The pattern as given. */
  readonly pattern: unknown;
  /** True when `event` (parsed JSON) matches the pattern with EventBridge semantics. */
  matches(event: unknown): boolean;
  /** Raw-text prefilter literals, see {@link patternLiterals}. */
  readonly literals: readonly string[] | undefined;
}

/**
 * Validates and compiles an EventBridge event pattern. Throws {@link InvalidPatternError} when the
 * pattern is invalid (unknown operator, wrong operand type, empty array, bad CIDR, bad range…).
 *
 * @example
 * ```ts
 * const rootLogin = compilePattern({
 *   eventName: ['ConsoleLogin'],
 *   userIdentity: { type: ['Root'] },
 * });
 * rootLogin.matches({ eventName: 'ConsoleLogin', userIdentity: { type: 'Root' } }); // true
 * rootLogin.matches({ eventName: 'ConsoleLogin', userIdentity: { type: 'IAMUser' } }); // false
 * ```
 */
export function compilePattern(pattern: unknown): CompiledPattern {
  const tree = parsePattern(pattern);
  const matchValue = compileObject(tree);
  return {
    pattern,
    matches: (event) => matchValue(event),
    literals: literalsOf(tree),
  };
}

/**
 * Tests one event against one pattern (compiles the pattern each call: for repeated use, keep
 * the result of {@link compilePattern}).
 *
 * @example
 * ```ts
 * matchesPattern({ detail: { state: [{ 'anything-but': 'initializing' }] } }, { detail: { state: 'running' } }); // true
 * matchesPattern({ detail: { state: [{ 'anything-but': 'initializing' }] } }, { detail: {} }); // false: missing field
 * ```
 */
export function matchesPattern(pattern: unknown, event: unknown): boolean {
  return compilePattern(pattern).matches(event);
}
