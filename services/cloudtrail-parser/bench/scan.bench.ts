// `pnpm --silent bench scan`: the naive baseline (gunzip the whole file, JSON.parse, every rule on every
// record) against the real `vigil scan` path (streaming, raw-text prefilter, indexed rules) with the
// built-in pack, each in its own child process so peak RSS is measured per path.
// Env: VIGIL_BENCH_RECORDS (default 350000), VIGIL_BENCH_RULES (rule paths instead of the built-in pack).
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGzip, gunzipSync } from 'node:zlib';
import { buildAlert } from '../src/core/build-alert';
import { createDetectionEngine, createNaiveEvaluator } from '../src/core/detection-engine';
import { ISSUING_EVENT_NAMES } from '../src/core/enrichment/issued-credentials';
import { PrincipalIndex } from '../src/core/enrichment/principal-index';
import { resolveActorSync } from '../src/core/enrichment/resolve-actor';
import { loadBuiltinRules, loadRuleFiles } from '../src/core/rule-loader';
import { runScan } from '../src/core/scan/run-scan';
import { applyStatefulRuleSync, InMemoryRuleStateStore } from '../src/core/stateful-rules';
import { CloudTrailGenerator } from './cloudtrail-generator';

const GENERATOR_VERSION = 3;

interface ChildResult {
  path: string;
  records: number;
  alerts: number;
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
  rules: number;
}

/** The built-in pack, or the rule files/folders in VIGIL_BENCH_RULES (comma-separated) when set. */
function loadBenchRules() {
  const custom = process.env.VIGIL_BENCH_RULES;
  return custom ? loadRuleFiles(custom.split(','), { origin: 'custom' }) : loadBuiltinRules();
}

async function generate(file: string, records: number): Promise<void> {
  const partial = `${file}.partial`;
  const gzip = createGzip({ level: 6 });
  const out = createWriteStream(partial);
  gzip.pipe(out);
  const generator = new CloudTrailGenerator(20240501);
  const write = async (text: string): Promise<void> => {
    if (!gzip.write(text)) await new Promise((resolve) => gzip.once('drain', resolve));
  };
  await write('{"Records":[');
  let batch: string[] = [];
  for (let index = 0; index < records; index++) {
    batch.push(JSON.stringify(generator.next()));
    if (batch.length === 500 || index === records - 1) {
      await write((index < 500 ? '' : ',') + batch.join(','));
      batch = [];
    }
  }
  await write(']}');
  gzip.end();
  await new Promise<void>((resolve, reject) => out.on('finish', () => resolve()).on('error', reject));
  renameSync(partial, file);
}

function finish(
  label: string,
  ids: string[],
  records: number,
  rules: number,
  started: bigint,
  cpu: NodeJS.CpuUsage,
  idsFile: string
): void {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  writeFileSync(idsFile, ids.join('\n'));
  const result: ChildResult = {
    path: label,
    records,
    alerts: ids.length,
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    rules,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function childNaive(file: string, idsFile: string): Promise<void> {
  const rules = await loadBenchRules();
  const evaluate = createNaiveEvaluator(rules);
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const log = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as {
    Records: Record<string, unknown>[];
  };
  const store = new InMemoryRuleStateStore();
  const principals = new PrincipalIndex();
  const ids: string[] = [];
  for (const record of log.Records) {
    const name = record.eventName;
    if (typeof name === 'string' && (name.startsWith('AssumeRole') || ISSUING_EVENT_NAMES.has(name)))
      principals.observe(record);
    for (const rule of evaluate(record)) {
      const decision = applyStatefulRuleSync(rule, record, store);
      if (!decision.shouldAlert) continue;
      const actor = resolveActorSync(record, { principals });
      ids.push(
        buildAlert(rule, record, {
          origin: { kind: 'scan', path: file },
          actor,
          threshold: decision.threshold,
        }).id
      );
    }
  }
  finish('naive', ids, log.Records.length, rules.length, started, cpu, idsFile);
}

async function childScan(file: string, idsFile: string): Promise<void> {
  const rules = await loadBenchRules();
  const engine = createDetectionEngine(rules);
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const ids: string[] = [];
  const summary = await runScan({
    targets: [file],
    engine,
    onAlert: (alert) => ids.push(alert.id),
    onProblem: (where, reason) => process.stderr.write(`vigil: ${where}: ${reason}\n`),
  });
  finish('scan', ids, summary.records, rules.length, started, cpu, idsFile);
}

function runChild(mode: string, file: string, idsFile: string): ChildResult {
  const tsx = require.resolve('tsx/cli', { paths: [process.cwd()] });
  const result = spawnSync(process.execPath, [tsx, __filename, mode, file, idsFile], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=8192`.trim(),
    },
  });
  const line = result.stdout.trim().split('\n').pop() ?? '';
  if (result.status !== 0 || !line.startsWith('{'))
    throw new Error(`${mode} child failed (status ${result.status}): ${result.stdout}`);
  return JSON.parse(line) as ChildResult;
}

async function main(): Promise<void> {
  const records = Number(process.env.VIGIL_BENCH_RECORDS ?? 350_000);
  const file = path.join(os.tmpdir(), `vigil-bench-scan-v${GENERATOR_VERSION}-${records}.json.gz`);
  if (!existsSync(file)) {
    process.stdout.write(`generating ${records} records into ${file} …\n`);
    await generate(file, records);
  }
  const uncompressed = gunzipSync(readFileSync(file)).length;
  process.stdout.write(
    `log: ${records} records, ${(uncompressed / 1024 ** 2).toFixed(0)} MB uncompressed, ${(readFileSync(file).length / 1024 ** 2).toFixed(0)} MB gzipped\n`
  );
  const naiveIds = path.join(os.tmpdir(), 'vigil-bench-scan-naive.ids');
  const scanIds = path.join(os.tmpdir(), 'vigil-bench-scan-scan.ids');
  const naive = runChild('--child-naive', file, naiveIds);
  const scan = runChild('--child-scan', file, scanIds);
  const isIdentical =
    readFileSync(naiveIds, 'utf8') === readFileSync(scanIds, 'utf8') && naive.records === scan.records;
  const rate = (result: ChildResult): number => Math.round(result.records / result.seconds);
  const ratePerCpu = (result: ChildResult): number => Math.round(result.records / result.cpuSeconds);
  for (const result of [naive, scan]) {
    process.stdout.write(
      `${result.path.padEnd(6)} ${rate(result).toLocaleString('en')} records/s wall, ${ratePerCpu(result).toLocaleString('en')} records/s per CPU-second, ` +
        `${result.seconds.toFixed(2)} s, peak RSS ${result.maxRssMb} MB, ${result.alerts} alerts (${result.rules} rules)\n`
    );
  }
  const ratio = rate(scan) / rate(naive);
  process.stdout.write(
    `ratio scan/naive ${ratio.toFixed(2)}×; alerts identical: ${isIdentical ? 'yes' : 'NO'}\n`
  );
  const figures = {
    benchmark: 'scan',
    records,
    uncompressedMb: Math.round(uncompressed / 1024 ** 2),
    rules: scan.rules,
    alerts: scan.alerts,
    identicalAlerts: isIdentical,
    naive: {
      recordsPerSecond: rate(naive),
      recordsPerCpuSecond: ratePerCpu(naive),
      seconds: naive.seconds,
      peakRssMb: naive.maxRssMb,
    },
    scan: {
      recordsPerSecond: rate(scan),
      recordsPerCpuSecond: ratePerCpu(scan),
      seconds: scan.seconds,
      peakRssMb: scan.maxRssMb,
    },
    ratio: Number(ratio.toFixed(2)),
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  if (!isIdentical) process.exitCode = 1;
}

const [mode, file, idsFile] = process.argv.slice(2);
const run =
  mode === '--child-naive' && file && idsFile
    ? childNaive(file, idsFile)
    : mode === '--child-scan' && file && idsFile
      ? childScan(file, idsFile)
      : main();
run.catch((error: unknown) => {
  process.stderr.write(`vigil: bench scan: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 2;
});
