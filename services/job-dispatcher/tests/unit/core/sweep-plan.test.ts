import { advanceWatermark, DEFAULT_SWEEP_SETTINGS, planSweep } from '../../../src/core/sweep-plan';

const keys = (plan: { key: string }[]) => plan.map((bucket) => bucket.key);

describe('planSweep', () => {
  it('sweeps the previous and the current bucket in the normal case', () => {
    // Act
    const plan = planSweep('j#2024-06-01T10:10', new Date('2024-06-01T10:12:30Z'));

    // Assess
    expect(keys(plan)).toEqual(['j#2024-06-01T10:05', 'j#2024-06-01T10:10']);
    expect(plan.map((bucket) => bucket.isClosed)).toEqual([true, false]);
  });

  it('catches up every bucket since the watermark after missed ticks', () => {
    // Act: the clock jumped 20 minutes past the watermark.
    const plan = planSweep('j#2024-06-01T10:10', new Date('2024-06-01T10:31:00Z'));

    // Assess
    expect(keys(plan)).toEqual([
      'j#2024-06-01T10:10',
      'j#2024-06-01T10:15',
      'j#2024-06-01T10:20',
      'j#2024-06-01T10:25',
      'j#2024-06-01T10:30',
    ]);
  });

  it('starts a few buckets back when there is no watermark yet', () => {
    // Act
    const plan = planSweep(undefined, new Date('2024-06-01T10:12:00Z'), {
      ...DEFAULT_SWEEP_SETTINGS,
      initialLookbackBuckets: 3,
    });

    // Assess
    expect(keys(plan)).toEqual([
      'j#2024-06-01T09:55',
      'j#2024-06-01T10:00',
      'j#2024-06-01T10:05',
      'j#2024-06-01T10:10',
    ]);
  });

  it('caps the buckets of one tick, oldest first', () => {
    // Act
    const plan = planSweep('j#2024-06-01T00:00', new Date('2024-06-01T10:12:00Z'), {
      ...DEFAULT_SWEEP_SETTINGS,
      maxBucketsPerTick: 2,
    });

    // Assess
    expect(keys(plan)).toEqual(['j#2024-06-01T00:00', 'j#2024-06-01T00:05']);
  });

  it('crosses midnight', () => {
    // Act
    const plan = planSweep('j#2024-12-31T23:55', new Date('2025-01-01T00:01:00Z'));

    // Assess
    expect(keys(plan)).toEqual(['j#2024-12-31T23:55', 'j#2025-01-01T00:00']);
  });
});

describe('advanceWatermark', () => {
  const now = new Date('2024-06-01T10:31:00Z');
  const plan = planSweep('j#2024-06-01T10:10', now);

  it('moves to the current bucket when every closed bucket was swept', () => {
    // Act
    const watermark = advanceWatermark('j#2024-06-01T10:10', plan, new Set(keys(plan)));

    // Assess
    expect(watermark).toBe('j#2024-06-01T10:30');
  });

  it('stops at the first bucket that still holds a due job', () => {
    // Act
    const watermark = advanceWatermark(
      'j#2024-06-01T10:10',
      plan,
      new Set(['j#2024-06-01T10:10', 'j#2024-06-01T10:20'])
    );

    // Assess
    expect(watermark).toBe('j#2024-06-01T10:15');
  });

  it('moves past the last bucket of a capped plan', () => {
    // Prepare
    const capped = planSweep('j#2024-06-01T00:00', now, { ...DEFAULT_SWEEP_SETTINGS, maxBucketsPerTick: 2 });

    // Act
    const watermark = advanceWatermark('j#2024-06-01T00:00', capped, new Set(keys(capped)));

    // Assess
    expect(watermark).toBe('j#2024-06-01T00:10');
  });
});
