import { dispatchOffsetMs, seededFraction } from '../../../src/core/dispatch-offset';

describe('dispatchOffsetMs', () => {
  const due = new Date('2025-01-01T09:00:00Z');

  it('is zero without a window or jitter', () => {
    // Assess
    expect(dispatchOffsetMs('scan-1', due, {})).toBe(0);
  });

  it('is the same for the same job and occurrence (redelivery is stable)', () => {
    // Act
    const first = dispatchOffsetMs('scan-1', due, { flexibleWindowMinutes: 15 });
    const again = dispatchOffsetMs('scan-1', due, { flexibleWindowMinutes: 15 });

    // Assess
    expect(again).toBe(first);
  });

  it('differs between occurrences of the same job', () => {
    // Act
    const offsets = new Set(
      Array.from({ length: 20 }, (_, day) =>
        dispatchOffsetMs('scan-1', new Date(due.getTime() + day * 86_400_000), { flexibleWindowMinutes: 15 })
      )
    );

    // Assess
    expect(offsets.size).toBeGreaterThan(15);
  });

  it('spreads thousands of jobs due at the same second over the whole window', () => {
    // Prepare
    const windowMs = 15 * 60_000 + 30_000;

    // Act
    const offsets = Array.from({ length: 5000 }, (_, i) =>
      dispatchOffsetMs(`scan-${i}`, due, { flexibleWindowMinutes: 15, jitterSeconds: 30 })
    );

    // Assess: every offset in range, and each of 10 equal slices gets 10 % ± 2 %.
    expect(Math.min(...offsets)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...offsets)).toBeLessThan(windowMs);
    const slices = Array.from({ length: 10 }, () => 0);
    for (const offset of offsets)
      slices[Math.floor((offset / windowMs) * 10)] = (slices[Math.floor((offset / windowMs) * 10)] ?? 0) + 1;
    for (const count of slices) expect(count).toBeGreaterThan(400);
    for (const count of slices) expect(count).toBeLessThan(600);
  });

  it('draws fractions in [0, 1)', () => {
    // Act
    const fractions = ['a', 'b', 'c', ''].map(seededFraction);

    // Assess
    for (const fraction of fractions) {
      expect(fraction).toBeGreaterThanOrEqual(0);
      expect(fraction).toBeLessThan(1);
    }
  });
});
