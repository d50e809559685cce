import { compilePatternSet } from '../../src';

describe('compilePatternSet', () => {
  const set = compilePatternSet([
    {
      id: 'trail-off',
      pattern: { eventSource: ['cloudtrail.amazonaws.com'], eventName: ['StopLogging', 'DeleteTrail'] },
    },
    { id: 'denied', pattern: { errorCode: [{ prefix: 'AccessDenied' }] } },
    { id: 'root', pattern: { userIdentity: { type: ['Root'] } } },
    { id: 'delete-any', pattern: { eventName: [{ prefix: 'Delete' }] } },
    {
      id: 's3-policy',
      pattern: { $or: [{ eventName: ['PutBucketPolicy'] }, { eventName: ['DeleteBucketPolicy'] }] },
    },
  ]);

  it('returns the ids of all matching patterns in entry order', () => {
    // Act
    const ids = set.match({
      eventSource: 'cloudtrail.amazonaws.com',
      eventName: 'DeleteTrail',
      errorCode: 'AccessDenied',
      userIdentity: { type: 'Root' },
    });

    // Assess
    expect(ids).toEqual(['trail-off', 'denied', 'root', 'delete-any']);
  });

  it('finds patterns through an $or index and through nested fields', () => {
    // Act
    const policy = set.match({ eventName: 'DeleteBucketPolicy', userIdentity: [{ type: 'Root' }] });
    const nothing = set.match({ eventName: 'ListBuckets', userIdentity: { type: 'IAMUser' } });

    // Assess
    expect(policy).toEqual(['root', 'delete-any', 's3-policy']);
    expect(nothing).toEqual([]);
  });

  it('indexes exact and prefix fields and runs the other patterns on every event', () => {
    // Prepare
    const mixed = compilePatternSet([
      { id: 'exact', pattern: { eventName: ['StopLogging'] } },
      { id: 'prefix', pattern: { eventName: [{ prefix: 'Delete' }] } },
      { id: 'numeric', pattern: { port: [{ numeric: ['<', 1024] }] } },
      { id: 'suffix', pattern: { key: [{ suffix: '.exe' }] } },
    ]);

    // Act
    const matched = mixed.match({ eventName: 'DeleteBucket', port: 22, key: 'a.exe' });

    // Assess
    expect(mixed.size).toBe(4);
    expect(mixed.indexedCount).toBe(2);
    expect(matched).toEqual(['prefix', 'numeric', 'suffix']);
  });

  it('requires every indexed field of a pattern before running it', () => {
    // Prepare
    const strict = compilePatternSet([
      {
        id: 'both',
        pattern: { eventSource: ['iam.amazonaws.com'], errorCode: [{ prefix: 'AccessDenied' }] },
      },
    ]);

    // Act
    const results = [
      strict.match({ eventSource: 'iam.amazonaws.com', errorCode: 'AccessDeniedException' }),
      strict.match({ eventSource: 'iam.amazonaws.com' }),
      strict.match({ errorCode: 'AccessDenied' }),
      strict.match({
        eventSource: ['s3.amazonaws.com', 'iam.amazonaws.com'],
        errorCode: ['x', 'AccessDenied'],
      }),
    ];

    // Assess
    expect(results).toEqual([['both'], [], [], ['both']]);
  });

  it('keeps duplicate ids and an empty set working', () => {
    // Prepare
    const duplicates = compilePatternSet([
      { id: 'same', pattern: { a: ['1'] } },
      { id: 'same', pattern: { b: ['2'] } },
    ]);
    const empty = compilePatternSet([]);

    // Act
    const both = duplicates.match({ a: '1', b: '2' });
    const none = empty.match({ a: '1' });

    // Assess
    expect(both).toEqual(['same', 'same']);
    expect(none).toEqual([]);
  });

  it('matches numbers through the index by numeric value', () => {
    // Prepare
    const numbers = compilePatternSet([{ id: 'port-22', pattern: { fromPort: [22] } }]);

    // Act
    const matched = numbers.match(JSON.parse('{"fromPort": 22.0}'));
    const text = numbers.match({ fromPort: '22' });

    // Assess
    expect(matched).toEqual(['port-22']);
    expect(text).toEqual([]);
  });

  it('returns the same answers when called many times (scratch state is reset)', () => {
    // Prepare
    const event = { eventName: 'PutBucketPolicy' };

    // Act
    const answers = Array.from({ length: 5 }, () => set.match(event).join(','));

    // Assess
    expect(new Set(answers)).toEqual(new Set(['s3-policy']));
  });
});
