import { BackfillCheckpoint } from '../../../src/core/backfill/backfill-checkpoint';
import {
  estimateBackfill,
  formatBackfillPlan,
  formatProgressDetail,
  formatUsd,
} from '../../../src/core/backfill/format-backfill';
import { estimateLambdaCost, LAMBDA_PRICES, PARSER_FIGURES } from '../../../src/core/backfill/lambda-cost';
import { planBackfill } from '../../../src/core/backfill/plan-backfill';
import { InMemoryBucket, logKey } from './in-memory-bucket';

describe('estimateLambdaCost', () => {
  it('bills the vCPU share at the memory size, in GB-s, plus requests', () => {
    // Act
    const cost = estimateLambdaCost({
      records: 1_000_000,
      objects: 10_000,
      recordsPerCpuSecond: 50_000,
      memoryMb: 1024,
      architecture: 'arm64',
      objectsPerInvocation: 5,
    });

    // Assess: 1,024 MB has 1024/1769 of a vCPU → 50,000 × 0.5789 records/s → 34.55 s × 1 GB.
    expect(cost.seconds).toBeCloseTo(1_000_000 / (50_000 * (1024 / 1769)), 6);
    expect(cost.gbSeconds).toBeCloseTo(34.55, 2);
    expect(cost.requests).toBe(2_000);
    expect(cost.computeUsd).toBeCloseTo(34.55 * 0.0000133334, 6);
    expect(cost.requestUsd).toBeCloseTo(0.0004, 10);
  });

  it('does not get faster past one vCPU, and prices x86 higher', () => {
    // Act
    const full = estimateLambdaCost({
      records: 1e6,
      objects: 0,
      recordsPerCpuSecond: 50_000,
      memoryMb: 1769,
    });
    const big = estimateLambdaCost({ records: 1e6, objects: 0, recordsPerCpuSecond: 50_000, memoryMb: 3538 });
    const x86 = estimateLambdaCost({
      records: 1e6,
      objects: 0,
      recordsPerCpuSecond: 50_000,
      architecture: 'x86_64',
    });

    // Assess
    expect(big.seconds).toBeCloseTo(full.seconds, 9);
    expect(big.gbSeconds).toBeCloseTo(full.gbSeconds * 2, 9);
    expect(x86.computeUsd / x86.gbSeconds).toBe(LAMBDA_PRICES.gbSecond.x86_64);
  });
});

describe('dry-run plan', () => {
  it('reports objects, bytes, estimated records and the Lambda cost of what is left', async () => {
    // Prepare
    const keys = ['01', '02', '03'].map((day) =>
      logKey({ account: '111122223333', region: 'us-east-1', day: `2024-05-${day}`, id: `d${day}` })
    );
    const bucket = new InMemoryBucket(keys);
    const scope = { bucket: 'trail', prefix: '', kinds: ['log' as const] };
    const checkpoint = BackfillCheckpoint.open(undefined, { bucket: 'trail' });
    checkpoint.complete('AWSLogs/111122223333/CloudTrail/us-east-1/2024/05/01/');

    // Act
    const plan = await planBackfill(scope, { lister: bucket, checkpoint });
    const estimate = estimateBackfill(scope, plan);
    const text = formatBackfillPlan(plan, estimate);

    // Assess: sizes of the in-memory objects are 1000 + index (1001, 1002 left).
    expect(estimate).toMatchObject({ days: 3, completeDays: 1, objects: 2, bytes: 2003 });
    expect(estimate.estimatedRecords).toBe(Math.round(2003 / PARSER_FIGURES.gzippedBytesPerRecord));
    expect(estimate.lambda.gbSeconds).toBeCloseTo(
      estimateLambdaCost({ records: estimate.estimatedRecords, objects: 2 }).gbSeconds,
      12
    );
    expect(text).toContain('objects: 2 (2.0 KB)');
    expect(text).toContain('1 already done per the checkpoint');
    expect(text).toMatch(/estimated Lambda: [\d.]+ GB-s at 1024 MB arm64, 1 requests, \$[\d.e-]+ \(/);
  });

  it('prints dollars with cents, and fractions of a cent with four digits', () => {
    // Act
    const amounts = [12.5, 0.000123456, 0].map(formatUsd);

    // Assess
    expect(amounts).toEqual(['$12.50', '$0.0001235', '$0.00']);
  });

  it('shows the time left at the rate so far', () => {
    // Act
    const detail = formatProgressDetail(
      { objects: 100, bytes: 1024 * 1024, retries: 0, elapsedMs: 10_000 },
      { objects: 1_000, bytes: 10 * 1024 * 1024 }
    );

    // Assess
    expect(detail).toBe('1.0 MB/10.0 MB ETA 1m30s');
  });
});
