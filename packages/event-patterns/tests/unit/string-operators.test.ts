import { compilePattern, matchesPattern } from '../../src';

describe('compilePattern: prefix and suffix', () => {
  it.each([
    [{ time: [{ prefix: '2017-10-02' }] }, { time: '2017-10-02T18:43:48Z' }, true],
    [{ time: [{ prefix: '2017-10-02' }] }, { time: '2017-10-03T18:43:48Z' }, false],
    [{ time: [{ prefix: '' }] }, { time: 'anything' }, true],
    [{ n: [{ prefix: '1' }] }, { n: 12 }, false],
    [{ FileName: [{ suffix: '.png' }] }, { FileName: 'image.png' }, true],
    [{ FileName: [{ suffix: '.png' }] }, { FileName: 'image.PNG' }, false],
    [{ service: [{ prefix: { 'equals-ignore-case': 'eventb' } }] }, { service: 'EventBridge' }, true],
    [{ service: [{ prefix: { 'equals-ignore-case': 'eventb' } }] }, { service: 'Events' }, false],
    [{ service: [{ suffix: { 'equals-ignore-case': 'tbridge' } }] }, { service: 'EVENTBRIDGE' }, true],
    [{ FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] }, { FileName: 'a.PnG' }, true],
  ])('%j on %j is %s', (pattern, event, expected) => {
    // Act
    const matched = matchesPattern(pattern, event);

    // Assess
    expect(matched).toBe(expected);
  });
});

describe('compilePattern: equals-ignore-case', () => {
  it('ignores ASCII and Unicode case', () => {
    // Prepare
    const pattern = compilePattern({
      name: [{ 'equals-ignore-case': 'alice' }],
      city: [{ 'equals-ignore-case': 'ÉCOLE' }],
    });

    // Act
    const matched = pattern.matches({ name: 'ALICE', city: 'école' });
    const greek = matchesPattern({ word: [{ 'equals-ignore-case': 'ΑΘΗΝΑ' }] }, { word: 'αθηνα' });
    const different = pattern.matches({ name: 'alicia', city: 'école' });

    // Assess
    expect(matched).toBe(true);
    expect(greek).toBe(true);
    expect(different).toBe(false);
  });

  it('never matches non-string values', () => {
    // Act
    const matched = matchesPattern({ value: [{ 'equals-ignore-case': 'true' }] }, { value: true });

    // Assess
    expect(matched).toBe(false);
  });
});

describe('compilePattern: wildcard', () => {
  it.each([
    ['Simple*Service', 'SimpleNotificationService', true],
    ['Simple*Service', 'SimpleService', true],
    ['Simple*Service', 'SimpleServices', false],
    ['*/lib/*', 'usr/lib/node', true],
    ['*/lib/*', '/lib/', true],
    ['*/lib/*', 'usr/lib', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'aXbYbZc', true],
    ['a*b*c', 'acb', false],
    ['*', '', true],
    ['no-wildcard', 'no-wildcard', true],
    ['no-wildcard', 'no-wildcards', false],
    ['ab*ba', 'aba', false],
    ['ab*ba', 'abba', true],
    ['2*\\*', '20*', true],
    ['2*\\*', '200', false],
    ['back\\\\slash*', 'back\\slash!', true],
  ])('%s on %s is %s', (wildcard, text, expected) => {
    // Act
    const matched = matchesPattern({ value: [{ wildcard }] }, { value: text });

    // Assess
    expect(matched).toBe(expected);
  });

  it('does not backtrack exponentially on hostile input', () => {
    // Prepare
    const pattern = compilePattern({ value: [{ wildcard: `${'a*'.repeat(30)}b` }] });

    // Act
    const matched = pattern.matches({ value: 'a'.repeat(5000) });

    // Assess
    expect(matched).toBe(false);
  });
});
