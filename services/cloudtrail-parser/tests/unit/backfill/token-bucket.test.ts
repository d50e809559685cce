import { createTokenBucket } from '../../../src/core/backfill/token-bucket';
import { FakeClock } from './in-memory-bucket';

describe('createTokenBucket', () => {
  it('lets the first burst through and then holds the average rate', async () => {
    // Prepare
    const clock = new FakeClock(1_000);
    const bucket = createTokenBucket({ ratePerSecond: 20, capacity: 10, clock });

    // Act
    for (let batch = 0; batch < 11; batch++) await bucket.take(10);

    // Assess: 10 free, then 100 more at 20/s = 5 s.
    expect(clock.now() - 1_000).toBe(5_000);
    expect(clock.sleeps).toHaveLength(10);
  });

  it('refills while the caller works elsewhere, up to its capacity only', async () => {
    // Prepare
    const clock = new FakeClock();
    const bucket = createTokenBucket({ ratePerSecond: 10, capacity: 10, clock });
    await bucket.take(10);

    // Act
    clock.advance(60_000);
    await bucket.take(10);
    await bucket.take(10);

    // Assess: a minute idle refills one burst, not 600 tokens.
    expect(clock.sleeps).toEqual([1_000]);
  });

  it('caps one request at its capacity, so a batch bigger than a burst is never starved', async () => {
    // Prepare
    const clock = new FakeClock();
    const bucket = createTokenBucket({ ratePerSecond: 2, capacity: 10, clock });
    await bucket.take(10);

    // Act
    await bucket.take(25);

    // Assess
    expect(clock.sleeps).toEqual([5_000]);
  });
});
