// `pnpm --silent bench patterns`: the compiled, indexed pattern set against a naive recursive
// interpreter of the same rule patterns over the same generated CloudTrail records, in one run.
// Both must report identical (record, pattern) matches; the run fails loudly otherwise.
import { compilePatternSet } from '../src';
import { generateRecords } from './cloudtrail-records';
import { naiveMatches } from './naive-interpreter';
import { generateRulePatterns } from './rule-patterns';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 200_000);
const MIN_PATTERNS = 150;
const SEED = 20240320;

interface Outcome {
  matches: number;
  checksum: number;
  seconds: number;
}

type Matcher = (record: unknown, report: (patternIndex: number) => void) => void;

// Order-sensitive FNV-1a over (record index, pattern index) pairs.
function run(records: readonly unknown[], matcher: Matcher): Outcome {
  let matches = 0;
  let checksum = 0x811c9dc5;
  let index = 0;
  const report = (patternIndex: number): void => {
    matches++;
    checksum = Math.imul(checksum ^ index, 16777619) >>> 0;
    checksum = Math.imul(checksum ^ patternIndex, 16777619) >>> 0;
  };
  (globalThis as { gc?: () => void }).gc?.();
  const started = process.hrtime.bigint();
  for (index = 0; index < records.length; index++) matcher(records[index], report);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { matches, checksum, seconds };
}

function firstDifference(records: readonly unknown[], a: Matcher, b: Matcher): string {
  for (let i = 0; i < records.length; i++) {
    const left: number[] = [];
    const right: number[] = [];
    a(records[i], (p) => left.push(p));
    b(records[i], (p) => right.push(p));
    if (left.join() !== right.join())
      return `record ${i}: naive [${left}] vs compiled [${right}]\n${JSON.stringify(records[i])}`;
  }
  return 'no per-record difference found';
}

function main(): void {
  const rules = generateRulePatterns(MIN_PATTERNS, SEED);
  const records = generateRecords(RECORDS, SEED);
  const positionOf = new Map(rules.map((rule, i) => [rule.id, i]));

  const naive: Matcher = (record, report) => {
    for (let p = 0; p < rules.length; p++)
      if (naiveMatches((rules[p] as (typeof rules)[number]).pattern, record)) report(p);
  };
  const compileStarted = process.hrtime.bigint();
  const set = compilePatternSet(rules);
  const compileMs = Number(process.hrtime.bigint() - compileStarted) / 1e6;
  const compiled: Matcher = (record, report) => {
    for (const id of set.match(record)) report(positionOf.get(id) ?? -1);
  };

  // Warm both up on a slice so the JIT has seen every path before timing.
  const warmup = records.slice(0, Math.min(20_000, records.length));
  run(warmup, naive);
  run(warmup, compiled);
  const naiveOutcome = run(records, naive);
  const compiledOutcome = run(records, compiled);

  const identical =
    naiveOutcome.matches === compiledOutcome.matches && naiveOutcome.checksum === compiledOutcome.checksum;
  const naiveRate = records.length / naiveOutcome.seconds;
  const compiledRate = records.length / compiledOutcome.seconds;
  const ratio = compiledRate / naiveRate;
  const format = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(
    `patterns: ${rules.length} rule patterns (${set.indexedCount} indexed, compiled in ${compileMs.toFixed(1)} ms)`
  );
  console.log(`records:  ${format(records.length)} generated CloudTrail records (seed ${SEED})`);
  console.log(`naive interpreter: ${format(naiveRate)} records/s (${naiveOutcome.seconds.toFixed(2)} s)`);
  console.log(
    `compiled set:      ${format(compiledRate)} records/s (${compiledOutcome.seconds.toFixed(2)} s)`
  );
  console.log(`ratio:             ${ratio.toFixed(1)}x (target >= 5x)`);
  console.log(
    `matches:           ${format(compiledOutcome.matches)} (record, pattern) pairs, checksum ${compiledOutcome.checksum.toString(16)}, identical: ${identical}`
  );
  if (!identical) {
    console.error(
      `MISMATCH: naive ${naiveOutcome.matches}/${naiveOutcome.checksum.toString(16)} vs compiled ${compiledOutcome.matches}/${compiledOutcome.checksum.toString(16)}`
    );
    console.error(firstDifference(records, naive, compiled));
  }
  console.log(
    JSON.stringify({
      benchmark: 'patterns',
      records: records.length,
      patterns: rules.length,
      indexedPatterns: set.indexedCount,
      naiveRecordsPerSec: Math.round(naiveRate),
      compiledRecordsPerSec: Math.round(compiledRate),
      ratio: Number(ratio.toFixed(2)),
      matches: compiledOutcome.matches,
      checksum: compiledOutcome.checksum.toString(16),
      identical,
    })
  );
  if (!identical) process.exit(1);
}

main();
