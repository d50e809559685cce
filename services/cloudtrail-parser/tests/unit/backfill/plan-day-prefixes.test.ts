import type { BackfillScope } from '../../../src/core/backfill/backfill-scope';
import { planDayPrefixes } from '../../../src/core/backfill/plan-day-prefixes';
import { InMemoryBucket, logKey } from './in-memory-bucket';

const A = '111122223333';
const B = '444455556666';
const C = '777788889999';

function scope(overrides: Partial<BackfillScope> = {}): BackfillScope {
  return { bucket: 'trail', prefix: '', kinds: ['log'], ...overrides };
}

function estate(): InMemoryBucket {
  const keys: string[] = [];
  for (const account of [A, B]) {
    for (const region of ['us-east-1', 'eu-west-1']) {
      for (const day of ['2023-12-31', '2024-01-01', '2024-01-02', '2024-02-15']) {
        keys.push(logKey({ account, region, day }));
      }
    }
    keys.push(logKey({ account, region: 'us-east-1', day: '2024-01-01', folder: 'CloudTrail-Digest' }));
  }
  keys.push(logKey({ account: C, region: 'us-east-1', day: '2024-01-01', org: 'o-abcdefghij' }));
  keys.push('AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/README.txt');
  keys.push('AWSLogs/not-an-account/CloudTrail/us-east-1/2024/01/01/x.json.gz');
  return new InMemoryBucket(keys);
}

describe('planDayPrefixes', () => {
  it('finds every day prefix of every account and region, organization trails included', async () => {
    // Prepare
    const bucket = estate();

    // Act
    const days = await planDayPrefixes(scope(), bucket);

    // Assess
    expect(days).toHaveLength(2 * 2 * 4 + 1);
    expect(days.find((day) => day.account === C)).toEqual({
      prefix: `AWSLogs/o-abcdefghij/${C}/CloudTrail/us-east-1/2024/01/01/`,
      account: C,
      orgId: 'o-abcdefghij',
      region: 'us-east-1',
      kind: 'log',
      day: '2024-01-01',
    });
    expect(days.map((day) => day.prefix)).toEqual([...days.map((day) => day.prefix)].sort());
  });

  it('prunes by since and until at the year, month and day levels', async () => {
    // Prepare
    const bucket = estate();

    // Act
    const days = await planDayPrefixes(
      scope({ since: Date.parse('2024-01-01T00:00:00Z'), until: Date.parse('2024-01-01T23:59:59.999Z') }),
      bucket
    );

    // Assess
    expect(new Set(days.map((day) => day.day))).toEqual(new Set(['2024-01-01']));
    expect(days).toHaveLength(5);
    expect(bucket.prefixListings.some((prefix) => prefix.includes('/2023/'))).toBe(false);
    expect(bucket.prefixListings.some((prefix) => prefix.endsWith('/2024/02/'))).toBe(false);
    expect(bucket.objectListings).toEqual([]);
  });

  it('lists only the chosen accounts and regions', async () => {
    // Prepare
    const bucket = estate();

    // Act
    const days = await planDayPrefixes(
      scope({
        accounts: new Set([B]),
        regions: new Set(['eu-west-1']),
        since: Date.parse('2024-01-02T00:00:00Z'),
      }),
      bucket
    );

    // Assess
    expect(days.map((day) => day.prefix)).toEqual([
      `AWSLogs/${B}/CloudTrail/eu-west-1/2024/01/02/`,
      `AWSLogs/${B}/CloudTrail/eu-west-1/2024/02/15/`,
    ]);
    expect(bucket.prefixListings.filter((prefix) => prefix.includes(A))).toEqual([]);
    expect(bucket.prefixListings.filter((prefix) => prefix.includes('us-east-1'))).toEqual([]);
  });

  it('skips digest folders unless asked, and reads them when asked', async () => {
    // Prepare
    const bucket = estate();

    // Act
    const withoutDigests = await planDayPrefixes(scope({ accounts: new Set([A]) }), bucket);
    const withDigests = await planDayPrefixes(
      scope({ accounts: new Set([A]), kinds: ['log', 'digest'] }),
      bucket
    );

    // Assess
    expect(withoutDigests.some((day) => day.kind === 'digest')).toBe(false);
    expect(withDigests.filter((day) => day.kind === 'digest').map((day) => day.prefix)).toEqual([
      `AWSLogs/${A}/CloudTrail-Digest/us-east-1/2024/01/01/`,
    ]);
  });

  it('lists from the given key prefix', async () => {
    // Prepare
    const bucket = new InMemoryBucket([
      logKey({ prefix: 'org/trail/', account: A, region: 'us-east-1', day: '2024-03-01' }),
      logKey({ account: B, region: 'us-east-1', day: '2024-03-01' }),
    ]);

    // Act
    const days = await planDayPrefixes(scope({ prefix: 'org/trail/' }), bucket);

    // Assess
    expect(days.map((day) => day.account)).toEqual([A]);
    expect(bucket.prefixListings[0]).toBe('org/trail/AWSLogs/');
  });
});
