/** Lambda prices (us-east-1, on demand, checked 2025): per GB-second by architecture, and per request. */
export const LAMBDA_PRICES = {
  gbSecond: { x86_64: 0.0000166667, arm64: 0.0000133334 },
  perMillionRequests: 0.2,
} as const;
export type LambdaArchitecture = keyof typeof LAMBDA_PRICES.gbSecond;

/** Lambda gives one full vCPU at 1,769 MB and CPU in proportion below it (AWS Lambda docs, "memory"). */
export const MB_PER_VCPU = 1769;

/**
 * The parser's figures the estimates rest on. Refresh them from `pnpm --silent bench lambda` (it prints
 * the measured records per CPU-second of the real scan path and the corpus ratio):
 * - records per CPU-second: the `vigil scan` engine with the built-in pack on the generated log, one core;
 * - gzipped bytes per record: 147 on the invictus-ir trail files (2,900 real records, gzip -6), the
 *   generated log gives a similar figure; real trails with big files compress better (fewer bytes/record);
 * - records per log object: 53 on the same corpus (CloudTrail delivers a file per account/region every ~5 min).
 */
export const PARSER_FIGURES = {
  recordsPerCpuSecond: 60_000,
  gzippedBytesPerRecord: 147,
  recordsPerObject: 53,
  /** serverless.yml `ingestMemorySize` (dev; prod 1769) and `architecture`. */
  memoryMb: 1024,
  architecture: 'arm64' as LambdaArchitecture,
  /** serverless.yml `batchSize` of the log-file queue: objects per invocation at most. */
  objectsPerInvocation: 5,
} as const;

/** What processing a number of records costs on Lambda. */
export interface LambdaCost {
  records: number;
  /** Billed duration, seconds (CPU-bound: the function's vCPU share at `memoryMb`). */
  seconds: number;
  gbSeconds: number;
  requests: number;
  computeUsd: number;
  requestUsd: number;
  usd: number;
}

/**
 * The Lambda cost of parsing `records` records in `objects` log objects: duration from the measured
 * records per CPU-second scaled by the vCPU share at `memoryMb`, GB-s = duration × memory, plus requests.
 *
 * @example estimateLambdaCost({ records: 1e6, objects: 1e6 / 53 }).usd
 */
export function estimateLambdaCost(input: {
  records: number;
  objects: number;
  recordsPerCpuSecond?: number | undefined;
  memoryMb?: number | undefined;
  architecture?: LambdaArchitecture | undefined;
  objectsPerInvocation?: number | undefined;
}): LambdaCost {
  const memoryMb = input.memoryMb ?? PARSER_FIGURES.memoryMb;
  const architecture = input.architecture ?? PARSER_FIGURES.architecture;
  const cpuShare = Math.min(1, memoryMb / MB_PER_VCPU);
  const recordsPerSecond = (input.recordsPerCpuSecond ?? PARSER_FIGURES.recordsPerCpuSecond) * cpuShare;
  const seconds = input.records / recordsPerSecond;
  const gbSeconds = seconds * (memoryMb / 1024);
  const requests = Math.ceil(
    input.objects / (input.objectsPerInvocation ?? PARSER_FIGURES.objectsPerInvocation)
  );
  const computeUsd = gbSeconds * LAMBDA_PRICES.gbSecond[architecture];
  const requestUsd = (requests / 1e6) * LAMBDA_PRICES.perMillionRequests;
  return {
    records: input.records,
    seconds,
    gbSeconds,
    requests,
    computeUsd,
    requestUsd,
    usd: computeUsd + requestUsd,
  };
}

/** Records a backfill of `bytes` gzipped bytes holds, about. */
export function estimateRecords(
  bytes: number,
  gzippedBytesPerRecord = PARSER_FIGURES.gzippedBytesPerRecord
): number {
  return Math.round(bytes / gzippedBytesPerRecord);
}
