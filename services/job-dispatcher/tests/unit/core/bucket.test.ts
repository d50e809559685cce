import { bucketKey, bucketOf, bucketStart, bucketsBetween, parseBucketKey } from '../../../src/core/bucket';
import { dueSortKeyBound, jobSortKey, parseJobSortKey } from '../../../src/core/sort-key';

describe('bucketKey', () => {
  it.each([
    ['2015-03-20T09:46:47.123Z', 'j#2015-03-20T09:45'],
    ['2021-11-26T13:31:55.000Z', 'j#2021-11-26T13:30'],
    ['2024-01-01T00:04:59.999Z', 'j#2024-01-01T00:00'],
    ['2024-01-01T00:05:00.000Z', 'j#2024-01-01T00:05'],
  ])('puts %s in %s (minutes rounded down to a multiple of 5)', (time, key) => {
    // Act
    const result = bucketKey(new Date(time));

    // Assess
    expect(result).toBe(key);
  });

  it('rolls over the hour, the day, the month and the year', () => {
    // Prepare
    const lastOfYear = new Date('2024-12-31T23:59:59.999Z');

    // Act
    const current = bucketOf(lastOfYear);
    const next = bucketOf(current.end);

    // Assess
    expect(current.key).toBe('j#2024-12-31T23:55');
    expect(next.key).toBe('j#2025-01-01T00:00');
  });

  it('handles a leap day', () => {
    // Act
    const result = bucketKey(new Date('2024-02-29T23:58:00Z'));

    // Assess
    expect(result).toBe('j#2024-02-29T23:55');
  });

  it('keeps buckets in UTC across a DST change (no repeated or missing bucket)', () => {
    // Prepare: Europe/Paris falls back at 01:00 UTC on 2024-10-27; America/New_York springs forward at 07:00 UTC on 2024-03-10.
    const autumn = bucketsBetween(new Date('2024-10-27T00:50:00Z'), new Date('2024-10-27T01:10:00Z'));
    const spring = bucketsBetween(new Date('2024-03-10T06:55:00Z'), new Date('2024-03-10T07:05:00Z'));

    // Assess
    expect(autumn.map((bucket) => bucket.key)).toEqual([
      'j#2024-10-27T00:50',
      'j#2024-10-27T00:55',
      'j#2024-10-27T01:00',
      'j#2024-10-27T01:05',
      'j#2024-10-27T01:10',
    ]);
    expect(spring.map((bucket) => bucket.key)).toEqual([
      'j#2024-03-10T06:55',
      'j#2024-03-10T07:00',
      'j#2024-03-10T07:05',
    ]);
  });

  it('maps an instant written with an offset to its UTC bucket', () => {
    // Act
    const result = bucketKey(new Date('2024-03-31T02:07:00+02:00'));

    // Assess
    expect(result).toBe('j#2024-03-31T00:05');
  });
});

describe('parseBucketKey', () => {
  it('reads back a key it wrote', () => {
    // Act
    const bucket = parseBucketKey('j#2024-06-01T10:15');

    // Assess
    expect(bucket?.start.toISOString()).toBe('2024-06-01T10:15:00.000Z');
    expect(bucket?.end.toISOString()).toBe('2024-06-01T10:20:00.000Z');
  });

  it.each(['j#2024-06-01T10:17', 'x#2024-06-01T10:15', 'j#2024-13-01T10:15', 'j#2024-06-01'])(
    'rejects %s',
    (key) => {
      // Assess
      expect(parseBucketKey(key)).toBeUndefined();
    }
  );
});

describe('bucketStart', () => {
  it('is idempotent', () => {
    // Prepare
    const start = bucketStart(new Date('2024-06-01T10:17:31Z'));

    // Assess
    expect(bucketStart(start)).toEqual(start);
  });
});

describe('jobSortKey', () => {
  it('sorts by time, then by job id, and stays under the due bound of its time', () => {
    // Prepare
    const time = new Date('2024-06-01T10:17:31.5Z');
    const keys = [
      jobSortKey(new Date('2024-06-01T10:17:32Z'), 'a'),
      jobSortKey(time, 'zz'),
      jobSortKey(time, 'A-1'),
    ];

    // Act
    const sorted = [...keys].sort();

    // Assess
    expect(sorted).toEqual([
      '2024-06-01T10:17:31.500Z#A-1',
      '2024-06-01T10:17:31.500Z#zz',
      '2024-06-01T10:17:32.000Z#a',
    ]);
    expect(jobSortKey(time, 'zz:@.~') <= dueSortKeyBound(time)).toBe(true);
    expect(jobSortKey(new Date(time.getTime() + 1), '0') > dueSortKeyBound(time)).toBe(true);
  });

  it('parses back to time and id', () => {
    // Act
    const parsed = parseJobSortKey('2024-06-01T10:17:31.500Z#job#1');

    // Assess
    expect(parsed).toEqual({ fireAt: new Date('2024-06-01T10:17:31.500Z'), jobId: 'job#1' });
    expect(parseJobSortKey('nonsense')).toBeUndefined();
  });
});
