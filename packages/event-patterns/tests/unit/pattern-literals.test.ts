import { patternLiterals } from '../../src';

describe('patternLiterals', () => {
  it.each([
    [
      'exact values',
      { eventName: ['ConsoleLogin', 'GetSessionToken'] },
      ['"ConsoleLogin"', '"GetSessionToken"'],
    ],
    ['prefixes', { eventName: [{ prefix: 'Delete' }, 'StopLogging'] }, ['"Delete', '"StopLogging"']],
    ['a nested exact value', { userIdentity: { type: ['Root'] } }, ['"Root"']],
    ['the field name for exists: true', { errorCode: [{ exists: true }] }, ['"errorCode"']],
    ['the field name for numeric', { detail: { count: [{ numeric: ['>', 0] }] } }, ['"count"']],
    [
      'the field name for anything-but',
      { userAgent: [{ 'anything-but': { prefix: 'aws' } }] },
      ['"userAgent"'],
    ],
    ['the field name for suffix', { key: [{ suffix: '.png' }] }, ['"key"']],
    ['the field name for wildcard', { key: [{ wildcard: 'a*b' }] }, ['"key"']],
    ['the field name for case-insensitive values', { name: [{ 'equals-ignore-case': 'x' }] }, ['"name"']],
    ['the field name for numbers', { port: [22] }, ['"port"']],
    [
      'the field name for an ignore-case prefix',
      { s: [{ prefix: { 'equals-ignore-case': 'ab' } }] },
      ['"s"'],
    ],
    ['the union of $or branches', { $or: [{ a: ['one'] }, { b: ['two'] }] }, ['"one"', '"two"']],
  ])('gives %s', (_name, pattern, expected) => {
    // Act
    const literals = patternLiterals(pattern);

    // Assess
    expect(literals).toEqual(expected);
  });

  it('prefers value literals over field names in an AND', () => {
    // Act
    const literals = patternLiterals({
      errorCode: [{ exists: true }],
      eventSource: ['iam.amazonaws.com'],
      eventName: ['CreateAccessKey'],
    });

    // Assess
    expect(literals).toEqual(['"iam.amazonaws.com"']);
  });

  it.each([
    ['exists: false alone', { errorCode: [{ exists: false }] }],
    ['exists: false among values', { errorCode: ['x', { exists: false }] }],
    ['an $or with a branch without literals', { $or: [{ a: ['one'] }, { b: [{ exists: false }] }] }],
  ])('gives undefined for %s', (_name, pattern) => {
    // Act
    const literals = patternLiterals(pattern);

    // Assess
    expect(literals).toBeUndefined();
  });

  it('leaves out values JSON would escape and falls back to the field name', () => {
    // Act
    const literals = patternLiterals({ path: ['C:\\temp', 'say "hi"'] });

    // Assess
    expect(literals).toEqual(['"path"']);
  });

  it('keeps an unescaped match findable in the raw text', () => {
    // Prepare
    const raw = '{"Records":[{"eventName":"DeleteBucket","userIdentity":{"type":"Root"}}]}';

    // Act
    const literals =
      patternLiterals({ eventName: [{ prefix: 'Delete' }], userIdentity: { type: ['Root'] } }) ?? [];

    // Assess
    expect(literals.some((literal) => raw.includes(literal))).toBe(true);
  });
});
