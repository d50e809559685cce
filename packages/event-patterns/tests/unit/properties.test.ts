import { naiveMatches } from '../../bench/naive-interpreter';
import { createRandom } from '../../bench/prng';
import { compilePattern, compilePatternSet } from '../../src';
import { randomEventObject, randomPattern } from '../helpers/random-patterns';

// Seeded: a failure names its seed and reproduces exactly.
const SEEDS = [1, 7, 42, 2024, 31337];

describe('properties over generated patterns and events', () => {
  it.each(SEEDS)('compiled matching equals the independent naive interpreter (seed %i)', (seed) => {
    // Prepare
    const random = createRandom(seed);
    const mismatches: string[] = [];
    let matches = 0;

    // Act
    for (let p = 0; p < 300; p++) {
      const pattern = randomPattern(random);
      const compiled = compilePattern(pattern);
      for (let e = 0; e < 40; e++) {
        const event = randomEventObject(random, 3);
        const expected = naiveMatches(pattern, event);
        if (expected) matches++;
        if (compiled.matches(event) !== expected) {
          mismatches.push(`${JSON.stringify(pattern)} on ${JSON.stringify(event)}: expected ${expected}`);
        }
      }
    }

    // Assess
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(matches).toBeGreaterThan(300); // the generator produces real matches, not only misses
  });

  it.each(SEEDS)('an indexed set returns exactly the per-pattern matches, in order (seed %i)', (seed) => {
    // Prepare
    const random = createRandom(seed);
    const entries = Array.from({ length: 120 }, (_, i) => ({ id: `p${i}`, pattern: randomPattern(random) }));
    const compiled = entries.map((entry) => compilePattern(entry.pattern));
    const set = compilePatternSet(entries);
    const differences: string[] = [];
    let total = 0;

    // Act
    for (let e = 0; e < 400; e++) {
      const event = randomEventObject(random, 3);
      const expected = entries.filter((_, i) => compiled[i]?.matches(event)).map((entry) => entry.id);
      total += expected.length;
      const actual = set.match(event);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        differences.push(`${JSON.stringify(event)}: ${actual.join(',')} != ${expected.join(',')}`);
      }
    }

    // Assess
    expect(differences.slice(0, 5)).toEqual([]);
    expect(total).toBeGreaterThan(100);
    expect(set.indexedCount).toBeGreaterThan(0);
  });

  it.each(SEEDS)('a matching event always contains a literal in its JSON text (seed %i)', (seed) => {
    // Prepare
    const random = createRandom(seed);
    const violations: string[] = [];
    let checked = 0;

    // Act
    for (let p = 0; p < 300; p++) {
      const pattern = randomPattern(random);
      const { literals, matches } = compilePattern(pattern);
      if (literals === undefined) continue;
      for (let e = 0; e < 40; e++) {
        const event = randomEventObject(random, 3);
        const text = JSON.stringify(event);
        if (text.includes('\\') || !matches(event)) continue;
        checked++;
        if (!literals.some((literal) => text.includes(literal))) {
          violations.push(`${JSON.stringify(pattern)} (${literals.join(' | ')}) on ${text}`);
        }
      }
    }

    // Assess
    expect(violations.slice(0, 5)).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });
});
