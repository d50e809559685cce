// Finds the index keys of a pattern: conditions of the form "the event has, at field path P, one
// of these exact values or a string starting with one of these prefixes". Each key is necessary
// for a match, so a pattern needs to run only on events that satisfy all of its keys.
import type { ExactValue, LeafNode, ObjectNode } from './pattern-ast';

/** Exact values or string prefixes required at one field path (the path as key segments). */
export interface IndexEntry {
  segments: readonly string[];
  values: readonly ExactValue[];
  prefixes: readonly string[];
}

/** A necessary condition: a matching event satisfies at least one entry. */
export type IndexKey = readonly IndexEntry[];

/** Stable identity of a path, safe for keys containing dots. */
export function pathId(segments: readonly string[]): string {
  return JSON.stringify(segments);
}

/** Every index key of a pattern object (its AND-ed exact/prefix fields, and its `$or` if indexable). */
export function indexKeys(node: ObjectNode, prefix: readonly string[] = []): IndexKey[] {
  const keys: IndexKey[] = [];
  for (const field of node.fields) {
    const segments = [...prefix, field.key];
    if (field.body.kind === 'object') {
      keys.push(...indexKeys(field.body, segments));
    } else {
      const entry = leafEntry(field.body, segments);
      if (entry !== undefined) keys.push([entry]);
    }
  }
  if (node.or !== undefined) {
    // Every branch must offer a key; the $or then requires one of their union.
    const union: IndexEntry[] = [];
    for (const branch of node.or) {
      const best = cheapest(indexKeys(branch, prefix));
      if (best === undefined) return keys;
      union.push(...best);
    }
    keys.push(union);
  }
  return keys;
}

function leafEntry(leaf: LeafNode, segments: readonly string[]): IndexEntry | undefined {
  const values: ExactValue[] = [];
  const prefixes: string[] = [];
  for (const test of leaf.tests) {
    if (test.kind === 'exact') values.push(test.value);
    else if (test.kind === 'prefix' && !test.ignoreCase && test.value !== '') prefixes.push(test.value);
    else return undefined;
  }
  return { segments, values, prefixes };
}

// Within an $or branch one key suffices: prefer exact values, then fewer alternatives.
function cheapest(keys: readonly IndexKey[]): IndexKey | undefined {
  const cost = (key: IndexKey) => key.reduce((sum, e) => sum + e.values.length + 2 * e.prefixes.length, 0);
  let best: IndexKey | undefined;
  for (const key of keys) if (best === undefined || cost(key) < cost(best)) best = key;
  return best;
}
