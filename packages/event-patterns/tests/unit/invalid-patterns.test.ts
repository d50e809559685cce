import { compilePattern, compilePatternSet, InvalidPatternError } from '../../src';

function errorOf(pattern: unknown): InvalidPatternError {
  try {
    compilePattern(pattern);
  } catch (error) {
    if (error instanceof InvalidPatternError) return error;
    throw error;
  }
  throw new Error(`pattern ${JSON.stringify(pattern)} compiled but should not`);
}

describe('compilePattern: invalid patterns', () => {
  it('names the path and the reason', () => {
    // Act
    const error = errorOf({ detail: { eventName: [{ prefix: 3 }] } });

    // Assess
    expect(error.path).toBe('detail.eventName');
    expect(error.reason).toBe('"prefix" must be a string, got 3');
    expect(error.message).toBe('detail.eventName: "prefix" must be a string, got 3');
    expect(error.name).toBe('InvalidPatternError');
  });

  it.each([
    ['a non-object pattern', 'source', '', 'a pattern must be a JSON object, got "source"'],
    ['an array pattern', [{ a: ['b'] }], '', 'a pattern must be a JSON object, got an array'],
    ['null', null, '', 'a pattern must be a JSON object, got null'],
    ['an empty pattern', {}, '', 'empty objects are not allowed'],
    ['an empty nested object', { detail: {} }, 'detail', 'empty objects are not allowed'],
    ['an empty value array', { source: [] }, 'source', 'empty arrays are not allowed'],
    ['a bare scalar value', { source: 'aws.ec2' }, 'source', 'must be an object or an array of values'],
    ['a nested array value', { a: [['x']] }, 'a', 'got an array'],
    ['an unknown operator', { a: [{ contains: 'x' }] }, 'a', 'unknown operator "contains"'],
    [
      'two operators in one object',
      { a: [{ prefix: 'x', suffix: 'y' }] },
      'a',
      'exactly one operator, got 2',
    ],
    ['an empty match expression', { a: [{}] }, 'a', 'exactly one operator, got 0'],
    ['a non-string suffix', { a: [{ suffix: null }] }, 'a', '"suffix" must be a string, got null'],
    [
      'a bad prefix object',
      { a: [{ prefix: { wildcard: 'x' } }] },
      'a',
      'takes a string or {"equals-ignore-case"',
    ],
    ['a numeric equals-ignore-case', { a: [{ 'equals-ignore-case': 1 }] }, 'a', 'must be a string, got 1'],
    ['a non-boolean exists', { a: [{ exists: 'true' }] }, 'a', '"exists" must be true or false, got "true"'],
    ['consecutive wildcards', { a: [{ wildcard: 'a**b' }] }, 'a', 'consecutive wildcard characters'],
    ['a bad wildcard escape', { a: [{ wildcard: 'a\\b' }] }, 'a', 'invalid escape'],
    ['a trailing backslash', { a: [{ wildcard: 'ab\\' }] }, 'a', 'invalid escape'],
    [
      'a string numeric bound',
      { a: [{ numeric: ['>', 'a'] }] },
      'a',
      'operand of ">" must be a number, got "a"',
    ],
    ['an unknown numeric operator', { a: [{ numeric: ['=>', 1] }] }, 'a', 'unknown "numeric" operator "=>"'],
    [
      'an inverted range',
      { a: [{ numeric: ['>', 5, '<', 1] }] },
      'a',
      'lower bound 5 must be less than upper bound 1',
    ],
    ['an empty range', { a: [{ numeric: ['>=', 5, '<=', 5] }] }, 'a', 'must be less than'],
    ['a range upper-bound first', { a: [{ numeric: ['<', 5, '>', 1] }] }, 'a', 'has 4 elements, expected 2'],
    ['a range with two lower bounds', { a: [{ numeric: ['>', 1, '>', 5] }] }, 'a', 'upper bound operator'],
    ['an equality with extras', { a: [{ numeric: ['=', 1, '<', 5] }] }, 'a', 'expected 2'],
    ['a non-array numeric', { a: [{ numeric: 5 }] }, 'a', '"numeric" must be an array'],
    ['a mixed anything-but list', { a: [{ 'anything-but': ['x', 1] }] }, 'a', 'only strings or only numbers'],
    ['an empty anything-but list', { a: [{ 'anything-but': [] }] }, 'a', 'must be non-empty'],
    ['a null anything-but', { a: [{ 'anything-but': null }] }, 'a', '"anything-but" takes a string'],
    [
      'an unknown anything-but operator',
      { a: [{ 'anything-but': { numeric: ['>', 1] } }] },
      'a',
      'exactly one of',
    ],
    ['an empty anything-but prefix', { a: [{ 'anything-but': { prefix: '' } }] }, 'a', 'cannot be empty'],
    ['a numeric anything-but suffix', { a: [{ 'anything-but': { suffix: [1] } }] }, 'a', 'list of strings'],
    ['a bad anything-but wildcard', { a: [{ 'anything-but': { wildcard: '**' } }] }, 'a', 'consecutive'],
    ['a CIDR without length', { ip: [{ cidr: '10.0.0.1' }] }, 'ip', 'expected address/length'],
    [
      'a CIDR with a bad address',
      { ip: [{ cidr: '10.0.0.256/24' }] },
      'ip',
      'is not an IPv4 or IPv6 address',
    ],
    ['a CIDR with a bad IPv6 address', { ip: [{ cidr: '2001:db8:::/32' }] }, 'ip', 'is not an IPv4 or IPv6'],
    ['an IPv4 length over 32', { ip: [{ cidr: '10.0.0.0/33' }] }, 'ip', 'prefix length must be 0 to 32'],
    ['an IPv6 length over 128', { ip: [{ cidr: '::/129' }] }, 'ip', 'prefix length must be 0 to 128'],
    ['a non-array $or', { $or: { a: ['b'] } }, '$or', 'array of at least 2 objects'],
    ['a one-branch $or', { $or: [{ a: ['b'] }] }, '$or', 'array of at least 2 objects'],
    ['a scalar $or branch', { $or: [{ a: ['b'] }, 'c'] }, '$or[1]', 'branches must be objects'],
    ['an operator name in $or', { $or: [{ prefix: ['b'] }, { a: ['c'] }] }, '$or[0].prefix', 'operator name'],
    ['an infinite number', { a: [Number.POSITIVE_INFINITY] }, 'a', 'finite'],
  ])('rejects %s', (_name, pattern, path, reason) => {
    // Act
    const error = errorOf(pattern);

    // Assess
    expect(error.path).toBe(path);
    expect(error.message).toContain(reason);
  });

  it('names the entry of a pattern set', () => {
    // Act
    const act = () =>
      compilePatternSet([
        { id: 'good', pattern: { a: ['b'] } },
        { id: 'bad-rule', pattern: { detail: { n: [{ numeric: ['>', 'x'] }] } } },
      ]);

    // Assess
    expect(act).toThrow('pattern "bad-rule": detail.n: "numeric" operand of ">" must be a number, got "x"');
  });
});
