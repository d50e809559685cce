import { compilePattern, matchesPattern } from '../../src';

describe('compilePattern: numeric', () => {
  // The documented content-filtering example.
  const pattern = compilePattern({
    detail: {
      'c-count': [{ numeric: ['>', 0, '<=', 5] }],
      'd-count': [{ numeric: ['<', 10] }],
      'x-limit': [{ numeric: ['=', 3.018e2] }],
    },
  });

  it.each([
    [{ 'c-count': 5, 'd-count': 3, 'x-limit': 301.8 }, true],
    [{ 'c-count': 0, 'd-count': 3, 'x-limit': 301.8 }, false],
    [{ 'c-count': 5.000001, 'd-count': 3, 'x-limit': 301.8 }, false],
    [{ 'c-count': 0.5, 'd-count': -1e6, 'x-limit': 301.8 }, true],
    [{ 'c-count': 1, 'd-count': 10, 'x-limit': 301.8 }, false],
    [{ 'c-count': 1, 'd-count': 3, 'x-limit': 301.80000001 }, false],
    [{ 'c-count': '3', 'd-count': 3, 'x-limit': 301.8 }, false],
    [{ 'c-count': [9, 3], 'd-count': 3, 'x-limit': 301.8 }, true],
  ])('detail %j is %s', (detail, expected) => {
    // Act
    const matched = pattern.matches({ detail });

    // Assess
    expect(matched).toBe(expected);
  });

  it('supports >= and <= bounds', () => {
    // Prepare
    const range = compilePattern({ n: [{ numeric: ['>=', 10, '<', 20] }] });

    // Act
    const results = [9.99, 10, 19.99, 20].map((n) => range.matches({ n }));

    // Assess
    expect(results).toEqual([false, true, true, false]);
  });
});

describe('compilePattern: exists', () => {
  it('matches a present leaf for exists: true, null included', () => {
    // Prepare
    const pattern = compilePattern({ detail: { 'c-count': [{ exists: true }] } });

    // Act
    const results = [
      pattern.matches({ detail: { 'c-count': 5 } }),
      pattern.matches({ detail: { 'c-count': null } }),
      pattern.matches({ detail: { 'c-count': ['a'] } }),
      pattern.matches({ detail: {} }),
      pattern.matches({ detail: { 'c-count': { c1: 100 } } }),
      pattern.matches({ detail: { 'c-count': [] } }),
    ];

    // Assess
    expect(results).toEqual([true, true, true, false, false, false]);
  });

  it('matches a missing field for exists: false, not a null one', () => {
    // Prepare: the documented example, including the intermediate-node case.
    const pattern = compilePattern({ detail: { 'c-count': [{ exists: false }] } });

    // Act
    const results = [
      pattern.matches({ detail: { state: ['initializing', 'running'] } }),
      pattern.matches({ detail: { state: 'x', 'c-count': { c1: 100 } } }),
      pattern.matches({}),
      pattern.matches({ detail: { 'c-count': null } }),
      pattern.matches({ detail: { 'c-count': 0 } }),
    ];

    // Assess
    expect(results).toEqual([true, true, true, false, false]);
  });

  it('combines exists with other values as OR', () => {
    // Prepare
    const pattern = compilePattern({ errorCode: [{ exists: false }, 'AccessDenied'] });

    // Act
    const results = [
      pattern.matches({}),
      pattern.matches({ errorCode: 'AccessDenied' }),
      pattern.matches({ errorCode: 'Throttling' }),
    ];

    // Assess
    expect(results).toEqual([true, true, false]);
  });
});

describe('compilePattern: cidr', () => {
  it.each([
    ['10.0.0.0/24', '10.0.0.33', true],
    ['10.0.0.0/24', '10.0.1.33', false],
    ['10.0.0.0/8', '10.255.255.255', true],
    ['0.0.0.0/0', '198.51.100.7', true],
    ['203.0.113.7/32', '203.0.113.7', true],
    ['203.0.113.7/32', '203.0.113.8', false],
    ['10.0.0.5/24', '10.0.0.200', true],
    ['2001:db8::/32', '2001:db8:1234::1', true],
    ['2001:db8::/32', '2001:0DB8:0000:0000:0000:0000:0000:0001', true],
    ['2001:db8::/32', '2001:db9::1', false],
    ['::ffff:0:0/96', '::ffff:192.0.2.1', true],
    ['fe80::/10', 'febf::1', true],
    ['fe80::/10', 'fec0::1', false],
    ['10.0.0.0/24', '2001:db8::1', false],
    ['2001:db8::/32', '10.0.0.1', false],
    ['10.0.0.0/24', 'AWS Internal', false],
    ['10.0.0.0/24', '10.0.0.256', false],
  ])('%s contains %s: %s', (cidr, ip, expected) => {
    // Act
    const matched = matchesPattern({ sourceIPAddress: [{ cidr }] }, { sourceIPAddress: ip });

    // Assess
    expect(matched).toBe(expected);
  });

  it('never matches numbers', () => {
    // Act
    const matched = matchesPattern({ ip: [{ cidr: '0.0.0.0/0' }] }, { ip: 167772161 });

    // Assess
    expect(matched).toBe(false);
  });
});
