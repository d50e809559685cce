import { compilePattern, matchesPattern } from '../../src';

describe('compilePattern: anything-but', () => {
  it.each([
    [{ state: [{ 'anything-but': 'initializing' }] }, { state: 'running' }, true],
    [{ state: [{ 'anything-but': 'initializing' }] }, { state: 'initializing' }, false],
    [{ 'x-limit': [{ 'anything-but': 123 }] }, { 'x-limit': 124 }, true],
    [{ 'x-limit': [{ 'anything-but': 123 }] }, { 'x-limit': 123.0 }, false],
    [{ state: [{ 'anything-but': ['stopped', 'overloaded'] }] }, { state: 'stopped' }, false],
    [{ state: [{ 'anything-but': ['stopped', 'overloaded'] }] }, { state: 'running' }, true],
    [{ 'x-limit': [{ 'anything-but': [100, 200, 300] }] }, { 'x-limit': 200 }, false],
    [{ 'x-limit': [{ 'anything-but': [100, 200, 300] }] }, { 'x-limit': 150 }, true],
    [{ state: [{ 'anything-but': { prefix: 'init' } }] }, { state: 'initializing' }, false],
    [{ state: [{ 'anything-but': { prefix: 'init' } }] }, { state: 'running' }, true],
    [{ Region: [{ 'anything-but': { prefix: ['us-', 'eu-'] } }] }, { Region: 'eu-west-1' }, false],
    [{ Region: [{ 'anything-but': { prefix: ['us-', 'eu-'] } }] }, { Region: 'ap-south-1' }, true],
    [{ FileName: [{ 'anything-but': { suffix: '.png' } }] }, { FileName: 'a.png' }, false],
    [{ FileName: [{ 'anything-but': { suffix: '.png' } }] }, { FileName: 'a.jpg' }, true],
    [
      { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] },
      { state: 'INITIALIZING' },
      false,
    ],
    [{ state: [{ 'anything-but': { 'equals-ignore-case': ['a', 'B'] } }] }, { state: 'b' }, false],
    [{ state: [{ 'anything-but': { 'equals-ignore-case': ['a', 'B'] } }] }, { state: 'c' }, true],
    [{ FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] }, { FilePath: '/usr/lib/x' }, false],
    [{ FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] }, { FilePath: '/usr/bin/x' }, true],
    [{ FilePath: [{ 'anything-but': { wildcard: ['*.tmp', 'tmp/*'] } }] }, { FilePath: 'tmp/a' }, false],
  ])('%j on %j is %s', (pattern, event, expected) => {
    // Act
    const matched = matchesPattern(pattern, event);

    // Assess
    expect(matched).toBe(expected);
  });

  it('does not match a missing field', () => {
    // Prepare
    const pattern = compilePattern({ detail: { state: [{ 'anything-but': 'initializing' }] } });

    // Act
    const results = [
      pattern.matches({ detail: {} }),
      pattern.matches({}),
      pattern.matches({ detail: { state: [] } }),
      pattern.matches({ detail: { state: { nested: 'x' } } }),
    ];

    // Assess
    expect(results).toEqual([false, false, false, false]);
  });

  it('matches present values of other types (they cannot equal an excluded string)', () => {
    // Prepare
    const strings = compilePattern({ v: [{ 'anything-but': ['5', 'x'] }] });
    const numbers = compilePattern({ v: [{ 'anything-but': [5] }] });
    const prefix = compilePattern({ v: [{ 'anything-but': { prefix: 'x' } }] });

    // Act
    const results = [
      strings.matches({ v: 5 }),
      strings.matches({ v: null }),
      numbers.matches({ v: '5' }),
      numbers.matches({ v: false }),
      prefix.matches({ v: 42 }),
    ];

    // Assess
    expect(results).toEqual([true, true, true, true, true]);
  });

  it('matches an event array when any element is not excluded', () => {
    // Prepare
    const pattern = compilePattern({ states: [{ 'anything-but': 'stopped' }] });

    // Act
    const mixed = pattern.matches({ states: ['stopped', 'running'] });
    const onlyExcluded = pattern.matches({ states: ['stopped', 'stopped'] });

    // Assess
    expect(mixed).toBe(true);
    expect(onlyExcluded).toBe(false);
  });
});
