// `pnpm --silent bench lambda`: per function of every service (services/*/serverless.yml), the minified
// bundle size (bundled with the service's own `custom.esbuild`, as serverless-esbuild does), the cold init
// time (median of fresh node processes started with the function's environment, NODE_OPTIONS included) and,
// for the CloudTrail parser, Lambda GB-s and $ per million records from its measured records per CPU-second.
// Baseline in the same run: the same handler unminified, without tree-shaking and with the AWS SDK inside.
// Budgets: bundle ≤ 500 KB, cold init ≤ 150 ms, parser ≤ $0.05 per million records. The cold-init verdict
// uses the main thread's CPU time: on this shared 2-core machine the wall time mostly measures the wait for
// a core (both are printed). Last line: one JSON.
// Env: VIGIL_BENCH_RECORDS (parser log size, default 200000), VIGIL_BENCH_RUNS (cold starts, default 5).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  estimateLambdaCost,
  PARSER_FIGURES,
} from '../../services/cloudtrail-parser/src/core/backfill/lambda-cost';
import { bundleHandler } from './lib/bundle-handler';
import { measureColdInit } from './lib/measure-cold-init';
import { measureParserThroughput } from './lib/parser-throughput';
import { listServiceFunctions, servicesWithoutTemplate } from './lib/service-functions';
import { prepareTaskRoot } from './lib/task-root';

const BUDGETS = { bundleBytes: 500 * 1024, coldInitMs: 150, parserUsdPerMillionRecords: 0.05 };
const PARSER = { service: 'cloudtrail-parser', function: 'ingestLogFiles' };

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const verdict = (isPass: boolean) => (isPass ? 'pass' : 'FAIL');
const say = (line: string) => process.stdout.write(`${line}\n`);

interface FunctionFigures {
  service: string;
  function: string;
  handler: string;
  status: 'ok' | 'missing' | 'error';
  error?: string | undefined;
  memoryMb?: number | undefined;
  bundleBytes?: number | undefined;
  baselineBytes?: number | undefined;
  sizeRatio?: number | undefined;
  coldInitMs?: number | undefined;
  baselineColdInitMs?: number | undefined;
  coldInitCpuMs?: number | undefined;
  coldInitMainThreadCpuMs?: number | undefined;
  coldInitProcessMs?: number | undefined;
  topInputs?: { input: string; bytes: number }[] | undefined;
  budgets?: { bundle: boolean; coldInit: boolean } | undefined;
}

async function measureFunction(
  fn: ReturnType<typeof listServiceFunctions>[number],
  outDir: string,
  runs: number
): Promise<FunctionFigures> {
  const figures: FunctionFigures = {
    service: fn.service,
    function: fn.name,
    handler: fn.handler,
    status: 'ok',
    memoryMb: fn.memoryMb,
  };
  if (!fn.isPresent)
    return {
      ...figures,
      status: 'missing',
      error: `${path.relative(process.cwd(), fn.entry)} does not exist`,
    };
  const dir = path.join(outDir, fn.service, fn.name);
  try {
    // Each bundle in its own task root, laid out as in the zip, with the generated files the zip carries.
    const handlerPath = fn.handler.slice(0, fn.handler.lastIndexOf('.'));
    const bundle = await bundleHandler(fn.entry, fn.serviceDir, dir, 'lambda', handlerPath);
    const baseline = await bundleHandler(fn.entry, fn.serviceDir, dir, 'baseline', handlerPath);
    const bundleEnv = await prepareTaskRoot(fn, path.join(dir, 'lambda'));
    const baselineEnv = await prepareTaskRoot(fn, path.join(dir, 'baseline'));
    const start = {
      exportName: fn.exportName,
      cwd: fn.serviceDir, // The runtime provides the whole AWS SDK: the service's own clients, then every package pnpm installed.
      nodePath: [
        path.join(fn.serviceDir, 'node_modules'),
        path.join(process.cwd(), 'node_modules/.pnpm/node_modules'),
      ],
      runs,
    };
    const cold = measureColdInit({ ...start, env: { ...fn.env, ...bundleEnv }, file: bundle.file });
    const coldBaseline = measureColdInit({
      ...start,
      env: { ...fn.env, ...baselineEnv },
      file: baseline.file,
    });
    if (cold.error !== undefined)
      return { ...figures, status: 'error', error: `cold init: ${cold.error}`, bundleBytes: bundle.bytes };
    return {
      ...figures,
      bundleBytes: bundle.bytes,
      baselineBytes: baseline.bytes,
      sizeRatio: Number((baseline.bytes / bundle.bytes).toFixed(2)),
      coldInitMs: Number(cold.medianMs.toFixed(1)),
      baselineColdInitMs: Number(coldBaseline.medianMs.toFixed(1)),
      coldInitCpuMs: Number(cold.cpuMedianMs.toFixed(1)),
      coldInitMainThreadCpuMs: Number(cold.mainThreadCpuMedianMs.toFixed(1)),
      coldInitProcessMs: Number(cold.processMedianMs.toFixed(1)),
      topInputs: bundle.topInputs,
      budgets: {
        bundle: bundle.bytes <= BUDGETS.bundleBytes,
        coldInit: cold.mainThreadCpuMedianMs <= BUDGETS.coldInitMs,
      },
    };
  } catch (error) {
    return {
      ...figures,
      status: 'error',
      error: error instanceof Error ? error.message.split('\n')[0] : String(error),
    };
  }
}

async function main(): Promise<void> {
  const root = process.cwd();
  const runs = Number(process.env.VIGIL_BENCH_RUNS ?? 5);
  const records = Number(process.env.VIGIL_BENCH_RECORDS ?? 200_000);
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-lambda-'));
  const functions: FunctionFigures[] = [];
  try {
    for (const service of servicesWithoutTemplate(root)) say(`${service}: missing (no serverless.yml yet)`);
    for (const fn of listServiceFunctions(root)) {
      const figures = await measureFunction(fn, outDir, runs);
      functions.push(figures);
      const name = `${fn.service}/${fn.name}`;
      if (figures.status !== 'ok') {
        say(`${name}: ${figures.status} — ${figures.error}`);
        continue;
      }
      say(
        `${name}: bundle ${kb(figures.bundleBytes ?? 0)} (baseline ${kb(figures.baselineBytes ?? 0)}, ${figures.sizeRatio}×) ${verdict(figures.budgets?.bundle === true)} ≤ 500 KB; ` +
          `cold init ${figures.coldInitMainThreadCpuMs} ms main-thread CPU, median of ${runs} (wall ${figures.coldInitMs} ms; all threads ${figures.coldInitCpuMs} ms CPU; baseline ${figures.baselineColdInitMs} ms wall; whole process ${figures.coldInitProcessMs} ms) ${verdict(figures.budgets?.coldInit === true)} ≤ 150 ms`
      );
      say(
        `  biggest packages: ${(figures.topInputs ?? []).map((input) => `${input.input} ${kb(input.bytes)}`).join(', ')}`
      );
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }

  const parserFn = listServiceFunctions(root).find(
    (fn) => fn.service === PARSER.service && fn.name === PARSER.function
  );
  const memoryMb = parserFn?.memoryMb ?? PARSER_FIGURES.memoryMb;
  const architecture = parserFn?.architecture ?? PARSER_FIGURES.architecture;
  say(`parser: scanning ${records.toLocaleString('en')} generated records with the built-in pack …`);
  const throughput = await measureParserThroughput(records);
  const perMillion = estimateLambdaCost({
    records: 1e6,
    objects: 1e6 / PARSER_FIGURES.recordsPerObject,
    recordsPerCpuSecond: throughput.recordsPerCpuSecond,
    memoryMb,
    architecture,
  });
  const x86 = estimateLambdaCost({
    records: 1e6,
    objects: 1e6 / PARSER_FIGURES.recordsPerObject,
    recordsPerCpuSecond: throughput.recordsPerCpuSecond,
    memoryMb,
    architecture: 'x86_64',
  });
  const isParserPass = perMillion.usd <= BUDGETS.parserUsdPerMillionRecords;
  say(
    `parser: ${Math.round(throughput.recordsPerCpuSecond).toLocaleString('en')} records per CPU-second (${Math.round(throughput.recordsPerSecond).toLocaleString('en')}/s wall), ` +
      `${throughput.alerts} alerts from ${throughput.rules} rules, ${throughput.gzippedBytesPerRecord.toFixed(0)} gzipped bytes/record`
  );
  say(
    `parser: ${perMillion.gbSeconds.toFixed(2)} GB-s per million records at ${memoryMb} MB ${architecture} (${(Math.min(1, memoryMb / 1769) * 100).toFixed(0)}% of a vCPU) ` +
      `→ $${perMillion.usd.toFixed(4)} per million ($${perMillion.computeUsd.toFixed(4)} compute + $${perMillion.requestUsd.toFixed(4)} for ${perMillion.requests} requests at ${PARSER_FIGURES.recordsPerObject} records/object, ${PARSER_FIGURES.objectsPerInvocation} objects/invocation); x86_64 $${x86.usd.toFixed(4)} ` +
      `${verdict(isParserPass)} ≤ $0.05`
  );

  const measured = functions.filter((fn) => fn.status === 'ok');
  const failures = [
    ...measured.flatMap((fn) => [
      ...(fn.budgets?.bundle ? [] : [`${fn.service}/${fn.function} bundle`]),
      ...(fn.budgets?.coldInit ? [] : [`${fn.service}/${fn.function} cold init`]),
    ]),
    ...(isParserPass ? [] : ['parser $ per million records']),
  ];
  const missing = [
    ...servicesWithoutTemplate(root).map((service) => `${service} (no serverless.yml)`),
    ...functions
      .filter((fn) => fn.status !== 'ok')
      .map((fn) => `${fn.service}/${fn.function} (${fn.status})`),
  ];
  say(
    `load average ${os
      .loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')} on ${os.cpus().length} CPUs (wall times grow with it; CPU times much less)`
  );
  say(
    `budgets: ${failures.length === 0 ? 'all pass' : `FAIL: ${failures.join(', ')}`}${missing.length > 0 ? `; not measured: ${missing.join(', ')}` : ''}`
  );
  const sizeRatios = measured.map((fn) => fn.sizeRatio ?? 0);
  process.stdout.write(
    `${JSON.stringify({
      benchmark: 'lambda',
      budgets: BUDGETS,
      functions,
      missing,
      parser: {
        memoryMb,
        architecture,
        records: throughput.records,
        recordsPerCpuSecond: Math.round(throughput.recordsPerCpuSecond),
        recordsPerSecond: Math.round(throughput.recordsPerSecond),
        gzippedBytesPerRecord: Number(throughput.gzippedBytesPerRecord.toFixed(1)),
        gbSecondsPerMillionRecords: Number(perMillion.gbSeconds.toFixed(3)),
        usdPerMillionRecords: Number(perMillion.usd.toFixed(5)),
        usdPerMillionRecordsX86: Number(x86.usd.toFixed(5)),
        pass: isParserPass,
      },
      pass: failures.length === 0,
      ratio:
        sizeRatios.length === 0
          ? null
          : Number((sizeRatios.reduce((a, b) => a + b, 0) / sizeRatios.length).toFixed(2)),
    })}\n`
  );
  if (failures.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `vigil: bench lambda: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
  );
  process.exitCode = 2;
});
