// Cold init of a bundled handler: a fresh `node` process requires the bundle and stops the clock once the
// handler export is a function (module load, config parsing, client creation: what Lambda's Init phase
// runs). Median of several processes; the process's whole wall time is reported alongside. On a shared,
// loaded machine the wall time mostly measures the queue for a core, so the CPU time of the main thread
// (the init's critical path: what an idle core would show as wall time) is measured as well, and the CPU
// time of the whole process (adds V8's compiler and GC helper threads).
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export interface ColdInit {
  medianMs: number;
  /** CPU time of the same init, all threads (user + system). */
  cpuMedianMs: number;
  /** CPU time of the main thread only: what an unloaded core would show as wall time, about. */
  mainThreadCpuMedianMs: number;
  runsMs: number[];
  processMedianMs: number;
  error?: string | undefined;
}

const PROBE = `
const started = process.hrtime.bigint();
const cpu = process.cpuUsage();
const thread = process.threadCpuUsage();
const loaded = require(process.env.VIGIL_BENCH_BUNDLE);
const handler = loaded[process.env.VIGIL_BENCH_EXPORT];
if (typeof handler !== 'function') throw new Error('export ' + process.env.VIGIL_BENCH_EXPORT + ' is not a function');
const used = process.cpuUsage(cpu);
const main = process.threadCpuUsage(thread);
process.stdout.write(JSON.stringify({ ms: Number(process.hrtime.bigint() - started) / 1e6, cpuMs: (used.user + used.system) / 1e3, mainCpuMs: (main.user + main.system) / 1e3 }));
`;

/** The `XxxError: message` line of a crash (not the minified source line node prints above it). */
function errorLine(output: string): string {
  const lines = output.split('\n').map((line) => line.trim());
  const line =
    lines.find((candidate) => /^[A-Za-z]*Error\b[^(]*:/.test(candidate)) ??
    lines.find(Boolean) ??
    'no output';
  return line.slice(0, 300);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function measureColdInit(options: {
  file: string;
  exportName: string;
  env: Record<string, string>;
  cwd: string;
  /** Where `@aws-sdk/*` (external in the bundle, provided by the Lambda runtime) resolves from. */
  nodePath: string[];
  runs?: number | undefined;
}): ColdInit {
  const runsMs: number[] = [];
  const cpuMs: number[] = [];
  const mainCpuMs: number[] = [];
  const processMs: number[] = [];
  for (let run = 0; run < (options.runs ?? 5); run++) {
    const started = process.hrtime.bigint();
    const child = spawnSync(process.execPath, ['-e', PROBE], {
      cwd: options.cwd,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        NODE_PATH: options.nodePath.join(path.delimiter),
        AWS_REGION: 'us-east-1',
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'bench',
        AWS_SECRET_ACCESS_KEY: 'bench',
        AWS_LAMBDA_FUNCTION_NAME: 'vigil-bench',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
        POWERTOOLS_DEV: 'false',
        ...options.env,
        VIGIL_BENCH_BUNDLE: options.file,
        VIGIL_BENCH_EXPORT: options.exportName,
      },
    });
    processMs.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (child.status !== 0) {
      return {
        medianMs: Number.NaN,
        cpuMedianMs: Number.NaN,
        mainThreadCpuMedianMs: Number.NaN,
        runsMs,
        processMedianMs: Number.NaN,
        error: errorLine(child.stderr || child.stdout),
      };
    }
    const probe = JSON.parse(child.stdout) as { ms: number; cpuMs: number; mainCpuMs: number };
    runsMs.push(probe.ms);
    cpuMs.push(probe.cpuMs);
    mainCpuMs.push(probe.mainCpuMs);
  }
  return {
    medianMs: median(runsMs),
    cpuMedianMs: median(cpuMs),
    mainThreadCpuMedianMs: median(mainCpuMs),
    runsMs,
    processMedianMs: median(processMs),
  };
}
