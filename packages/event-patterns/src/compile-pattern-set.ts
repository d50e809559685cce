// Many patterns, one event: a counting index over each pattern's exact-value and prefix fields picks
// the candidates (see candidate-index.ts), and only those run. The result equals testing every pattern.

import { buildCandidateIndex } from './candidate-index';
import type { ValueMatcher } from './compile-leaf';
import { compileObject } from './compile-object';
import { InvalidPatternError } from './errors';
import { indexKeys } from './index-keys';
import { parsePattern } from './parse-pattern';

/**
 * One pattern of a set: the id is what {@link PatternSet.match} returns.
 *
 * @example
 * ```ts
 * const entry: PatternEntry = { id: 'root-login', pattern: { userIdentity: { type: ['Root'] } } };
 * ```
 */
export interface PatternEntry {
  id: string;
  pattern: unknown;
}

/**
 * A compiled, indexed set of patterns.
 *
 * @example
 * ```ts
 * const set: PatternSet = compilePatternSet([{ id: 'delete', pattern: { eventName: [{ prefix: 'Delete' }] } }]);
 * set.match({ eventName: 'DeleteTrail' }); // ['delete']
 * set.size; // 1
 * set.indexedCount; // 1 (reached through the eventName prefix index)
 * ```
 */
export interface PatternSet {
  /** Ids of the patterns matching `event`, in entry order. */
  match(event: unknown): string[];
  /** Number of patterns. */
  readonly size: number;
  /** How many patterns are reached through the index (the rest run on every event). */
  readonly indexedCount: number;
}

/**
 * Compiles many patterns into one indexed matcher. Throws {@link InvalidPatternError} for the first
 * invalid pattern, its message prefixed with the entry id.
 *
 * @example
 * ```ts
 * const rules = compilePatternSet([
 *   { id: 'root-login', pattern: { eventName: ['ConsoleLogin'], userIdentity: { type: ['Root'] } } },
 *   { id: 'trail-off', pattern: { eventSource: ['cloudtrail.amazonaws.com'], eventName: ['StopLogging', 'DeleteTrail'] } },
 *   { id: 'denied', pattern: { errorCode: [{ prefix: 'AccessDenied' }] } },
 * ]);
 * rules.match({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', errorCode: 'AccessDenied' });
 * // ['trail-off', 'denied']
 * ```
 */
export function compilePatternSet(entries: readonly PatternEntry[]): PatternSet {
  const trees = entries.map((entry) => parseEntry(entry));
  const matchers: ValueMatcher[] = trees.map(compileObject);
  const ids = entries.map((entry) => entry.id);
  const index = buildCandidateIndex(trees.map((tree) => indexKeys(tree)));
  const match = (event: unknown): string[] => {
    const result: string[] = [];
    for (const position of index.candidates(event)) {
      if ((matchers[position] as ValueMatcher)(event)) result.push(ids[position] as string);
    }
    return result;
  };
  return { match, size: entries.length, indexedCount: index.indexedCount };
}

function parseEntry(entry: PatternEntry) {
  try {
    return parsePattern(entry.pattern);
  } catch (error) {
    if (!(error instanceof InvalidPatternError)) throw error;
    throw new InvalidPatternError(error.path, error.reason, { cause: error, patternId: entry.id });
  }
}
