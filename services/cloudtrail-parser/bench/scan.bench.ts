// `pnpm --silent bench scan`: the naive baseline (gunzip the whole file, JSON.parse, every rule on every
// record) against `vigil scan` run as users run it (the CLI: streaming, raw-text prefilter, indexed rules)
// with the built-in pack, each in its own child process so peak RSS is measured per path. Then the bounds:
// inflating the file and nothing else (CPU), one scan of three times the records (peak RSS must not grow
// with the input) and an empty node process (the RSS every scan starts from).
// Env: VIGIL_BENCH_RECORDS (default 350000), VIGIL_BENCH_RULES (rule paths instead of the built-in pack).
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGzip, gunzipSync } from 'node:zlib';
import { buildAlert } from '../src/core/build-alert';
import { createNaiveEvaluator } from '../src/core/detection-engine';
import { ISSUING_EVENT_NAMES } from '../src/core/enrichment/issued-credentials';
import { PrincipalIndex } from '../src/core/enrichment/principal-index';
import { resolveActorSync } from '../src/core/enrichment/resolve-actor';
import { loadBuiltinRules, loadRuleFiles } from '../src/core/rule-loader';
import { applyStatefulRuleSync, InMemoryRuleStateStore } from '../src/core/stateful-rules';
import { CloudTrailGenerator } from './cloudtrail-generator';

const GENERATOR_VERSION = 4;

interface ChildResult {
  path: string;
  records: number;
  alerts: number;
  seconds: number;
  /** Of the whole child process, start-up included. */
  wallSeconds?: number | undefined;
  cpuSeconds: number;
  maxRssMb: number;
  rules: number;
}

/** The built-in pack, or the rule files/folders in VIGIL_BENCH_RULES (comma-separated) when set. */
function loadBenchRules() {
  const custom = process.env.VIGIL_BENCH_RULES;
  return custom ? loadRuleFiles(custom.split(','), { origin: 'custom' }) : loadBuiltinRules();
}

async function generate(
  file: string,
  records: number,
  seed = 20240501,
  start = Date.parse('2024-05-01T00:00:00Z')
): Promise<void> {
  const partial = `${file}.partial`;
  const gzip = createGzip({ level: 6 });
  const out = createWriteStream(partial);
  gzip.pipe(out);
  const generator = new CloudTrailGenerator(seed, start);
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

/**
 * `vigil scan` exactly as users run it (`packages/cli/bin/vigil.cjs`: the cached scan bundle, else tsx), so peak
 * RSS includes everything a user's process holds. Its records/s comes from the CLI's own summary line
 * (the scan, not the TypeScript compilation at start-up); CPU seconds are the whole process's.
 */
function runCliScan(
  files: string | string[],
  idsFile: string,
  extraArgs: readonly string[] = []
): ChildResult {
  const inputs = typeof files === 'string' ? [files] : files;
  const root = path.resolve(__dirname, '../../..');
  const usageFile = path.join(os.tmpdir(), `vigil-bench-scan-usage-${process.pid}.json`);
  const custom = process.env.VIGIL_BENCH_RULES;
  const ruleArgs = custom ? ['--no-builtin', ...custom.split(',').flatMap((rule) => ['--rules', rule])] : [];
  // Not measured: the first `vigil scan|rules` after a change builds the cached scan bundle and built-in
  // pack (node_modules/.cache/vigil), as the first run after an install or upgrade does for users.
  const launcher = path.join(root, 'packages/cli/bin/vigil.cjs');
  spawnSync(process.execPath, [launcher, 'rules', 'list'], {
    stdio: 'ignore',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const started = process.hrtime.bigint();
  const result = spawnSync(
    process.execPath,
    [
      '-r',
      path.join(__dirname, 'report-usage.cjs'),
      launcher,
      'scan',
      ...inputs,
      '--format',
      'jsonl',
      ...ruleArgs,
      ...extraArgs,
    ],
    {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Not this process's NODE_OPTIONS: tsx's loader hooks are in them, and users' processes have none.
      env: { ...process.env, NODE_OPTIONS: '', VIGIL_BENCH_USAGE: usageFile },
    }
  );
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const summary = /vigil scan: (\d+) files, (\d+) records, .*?, ([\d.]+) s, /.exec(result.stderr);
  if (result.status !== 0 || summary === null || !existsSync(usageFile))
    throw new Error(`vigil scan child failed (status ${result.status}): ${result.stderr}`);
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssMb: number; cpuSeconds: number };
  const ids = result.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => (JSON.parse(line) as { id: string }).id);
  writeFileSync(idsFile, ids.join('\n'));
  return {
    path: `${inputs.length === 1 ? 'scan' : `scan ×${inputs.length}`}${extraArgs.length === 0 ? '' : ` ${extraArgs.join(' ')}`}`,
    records: Number(summary[2]),
    alerts: ids.length,
    seconds: Number(summary[3]),
    wallSeconds,
    cpuSeconds: usage.cpuSeconds,
    maxRssMb: usage.maxRssMb,
    rules: 0,
  };
}

/** CPU time and peak RSS of a child that only inflates the file (zlib's stream, as the scan uses it). */
async function childInflate(file: string, idsFile: string): Promise<void> {
  const { createReadStream } = await import('node:fs');
  const { createGunzip } = await import('node:zlib');
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let bytes = 0;
  for await (const chunk of createReadStream(file).pipe(createGunzip({ chunkSize: 128 * 1024 }))) {
    bytes += (chunk as Buffer).length;
  }
  if (bytes === 0) throw new Error('nothing inflated');
  finish('gunzip', [], Number(process.env.VIGIL_BENCH_RECORDS ?? 350_000), 0, started, cpu, idsFile);
}

/** Peak RSS of a Node process that does nothing: what every `vigil scan` pays before reading a byte. */
function emptyNodeRssMb(): number {
  const usageFile = path.join(os.tmpdir(), `vigil-bench-scan-empty-${process.pid}.json`);
  spawnSync(process.execPath, ['-r', path.join(__dirname, 'report-usage.cjs'), '-e', ''], {
    stdio: 'ignore',
    env: { ...process.env, NODE_OPTIONS: '', VIGIL_BENCH_USAGE: usageFile },
  });
  return (JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssMb: number }).maxRssMb;
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
  const scan = { ...runCliScan(file, scanIds), rules: naive.rules };
  // What log file integrity checking costs: the same scan, hashing every uncompressed byte (no digests here).
  const verifying = {
    ...runCliScan(file, path.join(os.tmpdir(), 'vigil-bench-scan-verify.ids'), ['--verify-digests']),
    rules: naive.rules,
  };
  // The bound no scanner of this file beats on one core: inflating it, and nothing else.
  const gunzip = runChild('--child-inflate', file, path.join(os.tmpdir(), 'vigil-bench-scan-gunzip.ids'));
  // Peak memory must not follow the input's size: one scan of three logs, the next two hours after the
  // first (other seeds: other principals and event ids), three times the records.
  const later: string[] = [];
  for (const [index, seed] of [20240502, 20240503].entries()) {
    const next = file.replace(/\.json\.gz$/, `-part${index + 2}.json.gz`);
    if (!existsSync(next)) {
      process.stdout.write(`generating ${records} more records into ${next} …\n`);
      await generate(next, records, seed, Date.parse('2024-05-01T00:00:00Z') + (index + 1) * 2 * 3600_000);
    }
    later.push(next);
  }
  const triple = {
    ...runCliScan([file, ...later], path.join(os.tmpdir(), 'vigil-bench-scan-triple.ids')),
    rules: naive.rules,
  };
  const emptyRss = emptyNodeRssMb();
  const isIdentical =
    readFileSync(naiveIds, 'utf8') === readFileSync(scanIds, 'utf8') && naive.records === scan.records;
  const rate = (result: ChildResult): number => Math.round(result.records / result.seconds);
  const ratePerCpu = (result: ChildResult): number => Math.round(result.records / result.cpuSeconds);
  for (const result of [naive, scan, verifying, triple, gunzip]) {
    process.stdout.write(
      `${result.path.padEnd(6)} ${rate(result).toLocaleString('en')} records/s wall, ${ratePerCpu(result).toLocaleString('en')} records/s per CPU-second, ` +
        `${result.seconds.toFixed(2)} s${result.wallSeconds === undefined ? '' : ` (process ${result.wallSeconds.toFixed(2)} s)`}, peak RSS ${result.maxRssMb} MB, ${result.alerts} alerts${result.rules === 0 ? '' : ` (${result.rules} rules)`}\n`
    );
  }
  const ratio = rate(scan) / rate(naive);
  process.stdout.write(
    `ratio scan/naive ${ratio.toFixed(2)}×; alerts identical: ${isIdentical ? 'yes' : 'NO'}\n` +
      `per CPU-second: scan ${ratePerCpu(scan).toLocaleString('en')} = ${((100 * ratePerCpu(scan)) / ratePerCpu(gunzip)).toFixed(0)}% of gunzip alone (${ratePerCpu(gunzip).toLocaleString('en')}); ` +
      `peak RSS: scan ${scan.maxRssMb} MB, 3× the records ${triple.maxRssMb} MB, an empty node process ${emptyRss} MB\n` +
      `--verify-digests: ${(verifying.seconds / scan.seconds).toFixed(2)}× the scan's time (SHA-256 of every uncompressed byte)\n`
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
    gunzipOnly: { recordsPerCpuSecond: ratePerCpu(gunzip), cpuSeconds: gunzip.cpuSeconds },
    verifyDigests: {
      seconds: verifying.seconds,
      timeRatioToScan: Number((verifying.seconds / scan.seconds).toFixed(2)),
    },
    tripleInputPeakRssMb: triple.maxRssMb,
    emptyNodePeakRssMb: emptyRss,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  if (!isIdentical) process.exitCode = 1;
}

const [mode, file, idsFile] = process.argv.slice(2);
const run =
  mode === '--child-naive' && file && idsFile
    ? childNaive(file, idsFile)
    : mode === '--child-inflate' && file && idsFile
      ? childInflate(file, idsFile)
      : main();
run.catch((error: unknown) => {
  process.stderr.write(`vigil: bench scan: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 2;
});
