import { planImportBatches } from '../../../src/core/plan-import-batches';
import { TokenBucket } from '../../../src/core/token-bucket';

describe('planImportBatches', () => {
  it('puts at most 100 findings in a call', () => {
    // Prepare
    const findings = Array.from({ length: 250 }, (_, index) => ({ Id: String(index) }));

    // Act
    const { batches } = planImportBatches(findings);

    // Assess
    expect(batches.map((batch) => batch.length)).toEqual([100, 100, 50]);
  });

  it('keeps each call under 6 MB', () => {
    // Prepare: 30 findings of ~230 KB each (≈ 6.9 MB)
    const findings = Array.from({ length: 30 }, (_, index) => ({
      Id: String(index),
      Description: 'x'.repeat(230 * 1024),
    }));

    // Act
    const { batches } = planImportBatches(findings);

    // Assess
    expect(batches).toHaveLength(2);
    for (const batch of batches)
      expect(Buffer.byteLength(JSON.stringify({ Findings: batch }))).toBeLessThanOrEqual(6 * 1024 * 1024);
  });

  it('sets apart a finding over 240 KB', () => {
    // Prepare
    const big = { Id: 'big', Description: 'x'.repeat(241 * 1024) };

    // Act
    const { batches, oversized } = planImportBatches([{ Id: 'small' }, big]);

    // Assess
    expect(batches).toEqual([[{ Id: 'small' }]]);
    expect(oversized.map((entry) => entry.finding.Id)).toEqual(['big']);
  });
});

describe('TokenBucket', () => {
  it('lets a burst through and then spaces calls at the rate', async () => {
    // Prepare
    let now = 0;
    const sleeps: number[] = [];
    const bucket = new TokenBucket(
      { ratePerSecond: 10, burst: 3 },
      {
        now: () => now,
        sleep: async (ms) => {
          sleeps.push(ms);
          now += ms;
        },
      }
    );

    // Act
    for (let call = 0; call < 6; call += 1) await bucket.take();

    // Assess
    expect(sleeps).toEqual([100, 100, 100]);
    expect(now).toBe(300);
  });
});
