// Random patterns and events over a tiny vocabulary, so that matches, near-misses, arrays, nulls,
// missing fields and type confusions all happen often.
import type { Random } from '../../bench/prng';

const KEYS = ['a', 'b', 'c'] as const;
const STRINGS = ['x', 'xy', 'yx', 'X', '', 'x*y', '10.0.0.7', '2001:db8::1', 'é'];
const NUMBERS = [0, 1, 5, 5.5, -3, 100];

type Json = unknown;

/** A random scalar (string, number, boolean or null). */
export function randomScalar(random: Random): Json {
  const roll = random.int(10);
  if (roll < 5) return random.pick(STRINGS);
  if (roll < 8) return random.pick(NUMBERS);
  if (roll < 9) return random.chance(0.5);
  return null;
}

/** A random event value up to `depth` levels of objects and arrays. */
export function randomEventValue(random: Random, depth: number): Json {
  const roll = random.int(10);
  if (depth <= 0 || roll < 5) return randomScalar(random);
  if (roll < 7) {
    const items: Json[] = [];
    const count = random.int(4);
    for (let i = 0; i < count; i++) items.push(randomEventValue(random, depth - 1));
    return items;
  }
  return randomEventObject(random, depth - 1);
}

/** A random event object: each key present with probability 0.7. */
export function randomEventObject(random: Random, depth: number): Record<string, Json> {
  const object: Record<string, Json> = {};
  for (const key of KEYS) if (random.chance(0.7)) object[key] = randomEventValue(random, depth);
  return object;
}

function randomTest(random: Random): Json {
  const text = random.pick(['x', 'y', 'X', 'é', '1']);
  switch (random.int(16)) {
    case 0:
      return { prefix: text };
    case 1:
      return { suffix: text };
    case 2:
      return { 'equals-ignore-case': text };
    case 3:
      return { wildcard: random.pick(['x*', '*y', 'x*y', '*', 'x\\*y']) };
    case 4:
      return { 'anything-but': random.pick<Json>(['x', 5, ['x', 'xy'], [1, 5]]) };
    case 5:
      return {
        'anything-but': { [random.pick(['prefix', 'suffix', 'equals-ignore-case', 'wildcard'])]: text },
      };
    case 6:
      return {
        numeric: random.pick<Json>([
          ['>', 0, '<=', 5],
          ['<', 1],
          ['=', 5],
          ['>=', 5.5],
        ]),
      };
    case 7:
      return { exists: random.chance(0.5) };
    case 8:
      return { cidr: random.pick(['10.0.0.0/24', '2001:db8::/32', '0.0.0.0/0']) };
    case 9:
      return { prefix: { 'equals-ignore-case': text } };
    default:
      return randomScalar(random);
  }
}

/** A random valid pattern with nested objects, value lists and `$or`. */
export function randomPattern(random: Random, depth = 2): Record<string, Json> {
  const pattern: Record<string, Json> = {};
  const count = 1 + random.int(2);
  for (let i = 0; i < count; i++) {
    const key = random.pick(KEYS);
    if (depth > 0 && random.chance(0.3)) {
      pattern[key] = randomPattern(random, depth - 1);
    } else {
      const tests: Json[] = [];
      const size = 1 + random.int(3);
      for (let j = 0; j < size; j++) tests.push(randomTest(random));
      pattern[key] = tests;
    }
  }
  if (depth > 0 && random.chance(0.2)) {
    pattern.$or = [randomPattern(random, depth - 1), randomPattern(random, depth - 1)];
  }
  return pattern;
}
