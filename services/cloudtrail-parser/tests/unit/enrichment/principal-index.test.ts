import type { IssuedCredentials } from '../../../src/core/enrichment/issued-credentials';
import { PrincipalIndex } from '../../../src/core/enrichment/principal-index';

const START_MS = Date.parse('2024-05-01T00:00:00Z');

/** An AssumeRole issuance `minutes` after the start, valid for `validMinutes`. */
function issuance(accessKeyId: string, minutes: number, validMinutes = 60): IssuedCredentials {
  const issuedMs = START_MS + minutes * 60_000;
  return {
    accessKeyId,
    eventName: 'AssumeRole',
    eventTime: new Date(issuedMs).toISOString(),
    issuer: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice' },
    sessionArn: `arn:aws:sts::111122223333:assumed-role/Admin/${accessKeyId}`,
    expiresAt: issuedMs / 1000 + validMinutes * 60,
  };
}

/** `count` issuances one minute apart from `fromMinute` on, keys `prefix-<n>`. */
function issuances(
  prefix: string,
  fromMinute: number,
  count: number,
  validMinutes = 60
): IssuedCredentials[] {
  return Array.from({ length: count }, (_, index) =>
    issuance(`${prefix}-${index}`, fromMinute + index, validMinutes)
  );
}

describe('PrincipalIndex', () => {
  it('forgets keys that expired more than an hour before the latest issuance, so memory follows live sessions', async () => {
    // Arrange: 1,500 keys over 25 hours, each valid for one hour
    const index = new PrincipalIndex();

    // Act
    await index.put(issuances('key', 0, 1500));

    // Assess: the sweep at the 1,024th issuance (minute 1,023) forgot the keys expired before minute 963
    expect(index.lookup('key-0')).toBeUndefined();
    expect(index.lookup('key-900')).toBeUndefined();
    expect(index.lookup('key-1499')?.accessKeyId).toBe('key-1499');
    expect(index.size).toBeLessThan(1500 - 900);
  });

  it('keeps forgetting expired keys over a long stream: memory stays bounded by the live ones', async () => {
    // Arrange: 10,000 keys one minute apart over a week, each valid for one hour
    const index = new PrincipalIndex();

    // Act
    await index.put(issuances('week', 0, 10_000));

    // Assess: about 120 keys are within the hour's validity and margin; sweeps leave at most 1,024 more
    expect(index.size).toBeLessThanOrEqual(120 + 1024);
    expect(index.lookup('week-9999')?.accessKeyId).toBe('week-9999');
    expect(index.lookup('week-9880')?.accessKeyId).toBe('week-9880');
  });

  it('keeps a long-lived key issued early while short ones issued after it are forgotten', async () => {
    // Arrange: a 36-hour GetSessionToken key, then 1,100 one-hour keys over 18 hours
    const index = new PrincipalIndex();
    await index.put([issuance('long-lived', 0, 36 * 60)]);

    // Act
    await index.put(issuances('short', 1, 1100));

    // Assess
    expect(index.lookup('long-lived')?.expiresAt).toBe(START_MS / 1000 + 36 * 3600);
    expect(index.lookup('short-0')).toBeUndefined();
  });

  it('keeps a key that expired less than the kept margin before the latest issuance', async () => {
    // Arrange: keys issued every 3 seconds for ~55 minutes, each valid for 15 minutes
    const index = new PrincipalIndex();
    const keys = Array.from({ length: 1100 }, (_, n) => issuance(`k-${n}`, n / 20, 15));

    // Act
    await index.put(keys);

    // Assess: the first key expired 40 minutes before the last issuance, inside the one-hour margin
    expect(index.size).toBe(1100);
    expect(index.lookup('k-0')?.accessKeyId).toBe('k-0');
  });

  it('still forgets the oldest entry beyond its size cap, whatever the expiries', async () => {
    // Arrange
    const index = new PrincipalIndex({ maxEntries: 3 });

    // Act
    await index.put(issuances('capped', 0, 5, 24 * 60));

    // Assess
    expect(index.size).toBe(3);
    expect(index.lookup('capped-1')).toBeUndefined();
    expect(index.lookup('capped-2')?.accessKeyId).toBe('capped-2');
  });
});
