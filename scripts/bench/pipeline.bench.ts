// `pnpm --silent bench pipeline`: 500 generated CloudTrail log objects put into the trail bucket on
// local-cloud → S3 notification → log-file queue → the parser's ingestLogFiles (under serverless-offline,
// invoked by local-cloud's SQS event source through its Lambda API) → alerts on the vigil bus → a collector function. Reports objects/s,
// records/s, put-to-alert latency p50/p99 and whether every expected alert arrived exactly once.
// Baseline in the same run: `vigil scan`'s engine over the same objects from disk (no AWS in between).
// Env: VIGIL_BENCH_OBJECTS (default 500), VIGIL_BENCH_RECORDS_PER_OBJECT (default 100).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPipeline } from './lib/pipeline-harness';
import { pipelineLogs } from './lib/pipeline-logs';
import { percentile } from './lib/stats';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function scanBaseline(
  logs: ReturnType<typeof pipelineLogs>
): Promise<{ recordsPerSecond: number; alerts: number }> {
  const { createDetectionEngine } = await import(
    '../../services/cloudtrail-parser/src/core/detection-engine'
  );
  const { loadBuiltinRules } = await import('../../services/cloudtrail-parser/src/core/rule-loader');
  const { runScan } = await import('../../services/cloudtrail-parser/src/core/scan/run-scan');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-pipeline-'));
  try {
    for (const [index, log] of logs.entries()) writeFileSync(path.join(dir, `${index}.json.gz`), log.body);
    const engine = createDetectionEngine(await loadBuiltinRules());
    const started = process.hrtime.bigint();
    const summary = await runScan({
      targets: [dir],
      engine,
      onAlert: () => undefined,
      onProblem: () => undefined,
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { recordsPerSecond: summary.records / seconds, alerts: summary.alerts };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const root = process.cwd();
  const objects = Number(process.env.VIGIL_BENCH_OBJECTS ?? 500);
  const recordsPerObject = Number(process.env.VIGIL_BENCH_RECORDS_PER_OBJECT ?? 100);
  const pipeline = await startPipeline(root);
  try {
    const logs = pipelineLogs(root, { objects, recordsPerObject, accountId: pipeline.accountId });
    const totalRecords = logs.reduce((sum, log) => sum + log.records, 0);
    say(
      `local-cloud and the parser under serverless-offline up in ${pipeline.startupSeconds.toFixed(1)} s (offline ${pipeline.offlineReadySeconds.toFixed(1)} s); putting ${objects} objects (${totalRecords.toLocaleString('en')} records) into s3://${pipeline.bucket}`
    );
    const run = await pipeline.putAndCollect(logs, { timeoutMs: 300_000 });
    const expected = new Set(logs.map((log) => log.alertEventId));
    const byEvent = new Map<string, number>();
    for (const alert of run.alerts)
      if (alert.ruleId === 'cloudtrail-stop-logging')
        byEvent.set(alert.eventId, (byEvent.get(alert.eventId) ?? 0) + 1);
    const missing = [...expected].filter((id) => !byEvent.has(id));
    const duplicated = [...byEvent.entries()].filter(([, count]) => count > 1).map(([id]) => id);
    const unexpected = run.alerts.filter(
      (alert) => alert.ruleId !== 'cloudtrail-stop-logging' || !expected.has(alert.eventId)
    );
    const latencies = run.alerts
      .filter((alert) => expected.has(alert.eventId))
      .map((alert) => alert.latencyMs);
    const seconds = run.elapsedMs / 1000;
    const isExactlyOnce = missing.length === 0 && duplicated.length === 0 && unexpected.length === 0;
    const baseline = await scanBaseline(logs);
    const recordsPerSecond = totalRecords / seconds;
    say(
      `pipeline: ${objects} objects in ${seconds.toFixed(1)} s → ${(objects / seconds).toFixed(1)} objects/s, ${Math.round(recordsPerSecond).toLocaleString('en')} records/s`
    );
    say(
      `latency put → alert: p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${Math.max(...latencies, 0).toFixed(0)} ms`
    );
    say(
      `alerts: ${run.alerts.length} received, ${expected.size} expected; missing ${missing.length}, duplicated ${duplicated.length}, unexpected ${unexpected.length} → exactly once: ${isExactlyOnce ? 'yes' : 'NO'}`
    );
    say(
      `handler: ${run.invocations} invocations (${run.failedInvocations} failed), DLQ ${run.deadLetters} messages`
    );
    say(
      `baseline (scan engine on the same objects from disk): ${Math.round(baseline.recordsPerSecond).toLocaleString('en')} records/s, ${baseline.alerts} alerts; pipeline/baseline ${(recordsPerSecond / baseline.recordsPerSecond).toFixed(2)}×`
    );
    process.stdout.write(
      `${JSON.stringify({
        benchmark: 'pipeline',
        objects,
        records: totalRecords,
        seconds: Number(seconds.toFixed(2)),
        objectsPerSecond: Number((objects / seconds).toFixed(1)),
        recordsPerSecond: Math.round(recordsPerSecond),
        latencyMs: {
          p50: Math.round(percentile(latencies, 50)),
          p99: Math.round(percentile(latencies, 99)),
          max: Math.round(Math.max(...latencies, 0)),
        },
        alerts: {
          expected: expected.size,
          received: run.alerts.length,
          missing: missing.length,
          duplicated: duplicated.length,
          unexpected: unexpected.length,
          exactlyOnce: isExactlyOnce,
        },
        invocations: run.invocations,
        failedInvocations: run.failedInvocations,
        deadLetters: run.deadLetters,
        baseline: {
          name: 'scan engine from disk',
          recordsPerSecond: Math.round(baseline.recordsPerSecond),
          alerts: baseline.alerts,
        },
        ratio: Number((recordsPerSecond / baseline.recordsPerSecond).toFixed(3)),
      })}\n`
    );
    if (!isExactlyOnce) process.exitCode = 1;
  } finally {
    await pipeline.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `vigil: bench pipeline: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
  );
  process.exitCode = 2;
});
