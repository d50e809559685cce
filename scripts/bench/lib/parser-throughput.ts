// Records per CPU-second of the parser's real scan path: the detection engine with the built-in rule pack,
// streaming a generated gzipped CloudTrail log (the generator of the scan benchmark) through `runScan`, the
// same gunzip → record splitter → prefilter → rules → stateful rules → alert path the Lambda runs per object.
import { createWriteStream, existsSync, renameSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGzip } from 'node:zlib';
import { CloudTrailGenerator } from '../../../services/cloudtrail-parser/bench/cloudtrail-generator';
import { createDetectionEngine } from '../../../services/cloudtrail-parser/src/core/detection-engine';
import { loadBuiltinRules } from '../../../services/cloudtrail-parser/src/core/rule-loader';
import { runScan } from '../../../services/cloudtrail-parser/src/core/scan/run-scan';

export interface ParserThroughput {
  records: number;
  alerts: number;
  rules: number;
  gzippedBytes: number;
  gzippedBytesPerRecord: number;
  cpuSeconds: number;
  wallSeconds: number;
  recordsPerCpuSecond: number;
  recordsPerSecond: number;
}

/** Writes `records` generated records as one gzipped `{"Records":[...]}` log (cached in the temp folder). */
export async function generateLog(records: number, seed = 20240501): Promise<string> {
  const file = path.join(os.tmpdir(), `vigil-bench-lambda-${seed}-${records}.json.gz`);
  if (existsSync(file)) return file;
  const partial = `${file}.${process.pid}.partial`;
  const gzip = createGzip({ level: 6 });
  const out = createWriteStream(partial);
  gzip.pipe(out);
  const generator = new CloudTrailGenerator(seed);
  const write = async (text: string) => {
    if (!gzip.write(text)) await new Promise<void>((resolve) => gzip.once('drain', () => resolve()));
  };
  await write('{"Records":[');
  for (let index = 0; index < records; index++) {
    await write((index === 0 ? '' : ',') + JSON.stringify(generator.next()));
  }
  await write(']}');
  gzip.end();
  await new Promise<void>((resolve, reject) => out.on('finish', () => resolve()).on('error', reject));
  renameSync(partial, file);
  return file;
}

/** Scans the generated log once to warm the engine up, then measures a second pass. */
export async function measureParserThroughput(records: number): Promise<ParserThroughput> {
  const file = await generateLog(records);
  const rules = await loadBuiltinRules();
  const engine = createDetectionEngine(rules);
  const scan = () =>
    runScan({
      targets: [file],
      engine,
      onAlert: () => undefined,
      onProblem: (where, reason) => process.stderr.write(`vigil: ${where}: ${reason}\n`),
    });
  await scan();
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const summary = await scan();
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const gzippedBytes = statSync(file).size;
  return {
    records: summary.records,
    alerts: summary.alerts,
    rules: rules.length,
    gzippedBytes,
    gzippedBytesPerRecord: gzippedBytes / summary.records,
    cpuSeconds,
    wallSeconds,
    recordsPerCpuSecond: summary.records / cpuSeconds,
    recordsPerSecond: summary.records / wallSeconds,
  };
}
