// Counting index over pattern keys. Each (pattern, key) pair is a slot; an event "hits" a slot when
// it has one of the slot's values or prefixes at the slot's path. A pattern becomes a candidate when
// all of its slots are hit; patterns without keys are candidates for every event. The indexed paths
// form a trie, so one walk of the event visits every indexed field (arrays crushed, as in matching).
import { type IndexKey, pathId } from './index-keys';
import type { ExactValue } from './pattern-ast';

interface PathIndex {
  exact: Map<ExactValue, number[]>;
  prefix: Map<string, number[]>;
  /** Distinct prefix lengths, so a string is probed once per length. */
  prefixLengths: number[];
}

interface TrieNode {
  children: TrieChild[];
  index: PathIndex | undefined;
}

interface TrieChild {
  key: string;
  /** Keys inherited from Object.prototype must be read as own properties only. */
  ownOnly: boolean;
  node: TrieNode;
}

/** Finds the patterns worth running for an event. */
export interface CandidateIndex {
  /** Positions of candidate patterns, ascending. The array is reused by the next call. */
  candidates(event: unknown): readonly number[];
  /** Number of patterns reached through the index. */
  readonly indexedCount: number;
}

/** Builds the index from each pattern's keys (`keysPerPattern[position]`). */
export function buildCandidateIndex(keysPerPattern: readonly (readonly IndexKey[])[]): CandidateIndex {
  const root: TrieNode = { children: [], index: undefined };
  const indexes = new Map<string, PathIndex>();
  const slotPattern: number[] = [];
  const required = new Uint32Array(keysPerPattern.length);
  const always: number[] = [];
  keysPerPattern.forEach((keys, position) => {
    required[position] = keys.length;
    if (keys.length === 0) always.push(position);
    for (const key of keys) {
      const slot = slotPattern.push(position) - 1;
      for (const entry of key) {
        const index = pathIndexFor(root, indexes, entry.segments);
        for (const value of entry.values) append(index.exact, value, slot);
        for (const prefix of entry.prefixes) {
          append(index.prefix, prefix, slot);
          if (!index.prefixLengths.includes(prefix.length)) index.prefixLengths.push(prefix.length);
        }
      }
    }
  });
  const slotSeen = new Uint32Array(slotPattern.length);
  const patternSeen = new Uint32Array(keysPerPattern.length);
  const hits = new Uint32Array(keysPerPattern.length);
  const found: number[] = [];
  let epoch = 0;

  const hit = (slots: number[] | undefined): void => {
    if (slots === undefined) return;
    for (const slot of slots) {
      if (slotSeen[slot] === epoch) continue;
      slotSeen[slot] = epoch;
      const position = slotPattern[slot] as number;
      if (patternSeen[position] !== epoch) {
        patternSeen[position] = epoch;
        hits[position] = 0;
      }
      hits[position] = (hits[position] as number) + 1;
      if (hits[position] === required[position]) found.push(position);
    }
  };
  const visit = (value: unknown, node: TrieNode): void => {
    if (typeof value === 'object' && value !== null) {
      if (Array.isArray(value)) {
        for (const item of value) visit(item, node);
        return;
      }
      const object = value as Record<string, unknown>;
      for (const { key, ownOnly, node: child } of node.children) {
        const next = ownOnly && !Object.hasOwn(object, key) ? undefined : object[key];
        if (next !== undefined) visit(next, child);
      }
      return;
    }
    const index = node.index;
    if (index === undefined) return;
    hit(index.exact.get(value as ExactValue));
    if (typeof value !== 'string') return;
    for (const length of index.prefixLengths) {
      if (length <= value.length) hit(index.prefix.get(value.slice(0, length)));
    }
  };

  const candidates = (event: unknown): readonly number[] => {
    epoch = epoch === 0xffffffff ? 1 : epoch + 1;
    if (epoch === 1) {
      slotSeen.fill(0);
      patternSeen.fill(0);
    }
    found.length = 0;
    for (const position of always) found.push(position);
    visit(event, root);
    if (found.length > always.length) found.sort((a, b) => a - b);
    return found;
  };
  return { candidates, indexedCount: keysPerPattern.length - always.length };
}

function pathIndexFor(
  root: TrieNode,
  indexes: Map<string, PathIndex>,
  segments: readonly string[]
): PathIndex {
  const id = pathId(segments);
  const existing = indexes.get(id);
  if (existing !== undefined) return existing;
  let node = root;
  for (const key of segments) {
    let child = node.children.find((candidate) => candidate.key === key);
    if (child === undefined) {
      child = { key, ownOnly: key in Object.prototype, node: { children: [], index: undefined } };
      node.children.push(child);
    }
    node = child.node;
  }
  const index: PathIndex = { exact: new Map(), prefix: new Map(), prefixLengths: [] };
  node.index = index;
  indexes.set(id, index);
  return index;
}

function append<K>(map: Map<K, number[]>, key: K, slot: number): void {
  const slots = map.get(key);
  if (slots === undefined) map.set(key, [slot]);
  else if (!slots.includes(slot)) slots.push(slot);
}
