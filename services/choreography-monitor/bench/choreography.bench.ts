// `pnpm --silent bench choreography [--workflows N] [--ramp-s S] [--gap-min-s S] [--gap-max-s S] [--burst]`
//
// 1,000 concurrent order workflows, 6 events each, through the whole local stack: EventBridge router →
// SQS (fauxqs, 5 pollers per queue as on AWS) → the handlers → DynamoDB Local → the Step Functions facade
// running the compiled ASL — first with Vigil's forwarder, then (same run, other workflows) with the AWS
// post's naive forwarder as the baseline.
//
// Arrival model (open loop, seeded): workflows start as a Poisson process over --ramp-s (default 20 s);
// each workflow's next event follows the previous one after a gap uniform in [--gap-min-s, --gap-max-s]
// (default 15-35 s: payment, warehouse and carrier each take a while), whatever the system is doing —
// an event that arrives before its workflow is ready waits in the inbox, and that wait counts. All 1,000
// workflows are in flight at the peak (~64 events/s, ~34/s on average; the run takes ~6 minutes).
// `--ramp-s 10 --gap-min-s 5 --gap-max-s 15` offers ~80 events/s: past what DynamoDB Local serves one
// request at a time (Vigil makes 5 DynamoDB calls per forwarded event), so latency then grows with the
// queue. `--burst` sends every start event at the same instant instead.
//
// Event → transition: from PutEvents until the execution took the event — its ExecutionStarted for a start
// event, else the TaskSucceeded carrying that event — read from the executions' histories.
import { performance } from 'node:perf_hooks';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { LambdaLike, LocalCloud } from '@vigil/local-cloud';
import { loadChoreographyFile } from '../src/adapters/choreography-files';
import { tokenStoreReads } from '../src/adapters/dynamodb-token-store';
import { startChoreographyCloud } from '../src/local/start-choreography-cloud';
import { type ArrivalModel, describeArrivals, planArrivals } from './arrival-model';
import { createNaiveForwarder, type NaiveForwarder } from './naive-forwarder';
import { auditTransitions, type SentEvents } from './transition-audit';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(args[index + 1]);
};
const IS_BURST = args.includes('--burst');
const MODEL: ArrivalModel = {
  workflows: option('workflows', 1000),
  rampMs: IS_BURST ? 0 : option('ramp-s', 20) * 1000,
  gapMinMs: option('gap-min-s', 15) * 1000,
  gapMaxMs: option('gap-max-s', 35) * 1000,
  seed: option('seed', 7),
};
const STAGE = 'dev';
const STEPS: [string, string][] = [
  ['Order Placed', 'com.example.orders'],
  ['Payment Succeeded', 'com.example.payments'],
  ['Inventory Reserved', 'com.example.warehouse'],
  ['Order Dispatched', 'com.example.shipping'],
  ['Order Packaged', 'com.example.warehouse'],
  ['Order Delivered', 'com.example.shipping'],
];
const log = (line: string) => process.stdout.write(`${line}\n`);
const executionArnOf = (id: string) =>
  `arn:aws:states:us-east-1:000000000000:execution:vigil-${STAGE}-choreography-order:${id}`;

let mode: 'vigil' | 'baseline' = 'vigil';
let naive: NaiveForwarder | undefined;
const closed = new Set<string>();

// The baseline swaps the forwarder only; the status recorder tells us when each execution closed.
function wrap(name: string, handler: LambdaLike): LambdaLike {
  if (name === 'forwardEvent')
    return (event, context) =>
      mode === 'baseline' && naive ? naive.handle(event as never) : handler(event, context);
  // The post's stack has no inbox: in baseline mode the tokens table stream is read but not drained.
  if (name === 'deliverInbox')
    return (event, context) =>
      mode === 'baseline' ? Promise.resolve({ batchItemFailures: [] }) : handler(event, context);
  if (name !== 'recordStatus') return handler;
  return async (event, context) => {
    const result = await handler(event, context);
    const detail = (event as { detail?: { status?: string; name?: string } }).detail;
    if (detail?.name && detail.status !== 'RUNNING') closed.add(detail.name);
    return result;
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

async function runPhase(cloud: LocalCloud, sfn: SFNClient, prefix: string, model: ArrivalModel) {
  const planned = planArrivals(model, STEPS.length);
  const ids = Array.from({ length: model.workflows }, (_, index) => `${prefix}-${index}`);
  const sent: SentEvents = new Map();
  const lateness: number[] = [];
  let failedSends = 0;
  const readsBefore = tokenStoreReads.readRequests;
  const naiveReadsBefore = naive?.reads ?? 0;
  const origin = performance.now();
  const sendOne = async (workflow: number, step: number, atMs: number) => {
    const [detailType, source] = STEPS[step] ?? STEPS[0] ?? ['', ''];
    const workflowId = ids[workflow] ?? '';
    const sentAt = performance.timeOrigin + performance.now();
    lateness.push(performance.now() - origin - atMs);
    const result = await cloud.router.putEvents([
      {
        Source: source,
        DetailType: detailType,
        Detail: JSON.stringify({ order_id: workflowId }),
        EventBusName: `vigil-${STAGE}`,
      },
    ]);
    const entry = result.Entries[0];
    if (entry === undefined || !('EventId' in entry)) failedSends += 1;
    else sent.set(entry.EventId, { sentAt, workflowId });
  };
  await Promise.all(
    planned.map(
      (event) =>
        new Promise<void>((resolve) => {
          setTimeout(() => void sendOne(event.workflow, event.step, event.atMs).finally(resolve), event.atMs);
        })
    )
  );
  const lastSent = performance.now();
  const isComplete = await waitUntil(() => ids.every((id) => closed.has(id)), 60_000);
  const seconds = (performance.now() - origin) / 1000;
  const audit = await auditTransitions(sfn, executionArnOf, ids, sent);
  const events = sent.size;
  const reads =
    mode === 'vigil' ? tokenStoreReads.readRequests - readsBefore : (naive?.reads ?? 0) - naiveReadsBefore;
  return {
    events: events + failedSends,
    failedSends,
    seconds,
    offeredPerSecond: events / ((lastSent - origin) / 1000),
    eventsPerSecond: audit.latencies.length / seconds,
    isComplete,
    p50: percentile(audit.latencies, 50),
    p99: percentile(audit.latencies, 99),
    max: Math.max(...audit.latencies),
    startP99: percentile(audit.startLatencies, 99),
    forwardP99: percentile(audit.forwardLatencies, 99),
    senderLagP99: percentile(lateness, 99),
    readsPerEvent: reads / Math.max(1, events),
    lost: audit.lost + failedSends,
    incomplete: audit.incomplete,
    duplicated: audit.duplicated,
  };
}

type Phase = Awaited<ReturnType<typeof runPhase>>;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const describe = (phase: Phase) =>
  `${phase.events} events in ${phase.seconds.toFixed(1)}s (offered ${phase.offeredPerSecond.toFixed(0)}/s, ` +
  `${phase.eventsPerSecond.toFixed(0)} transitions/s); event → transition p50 ${ms(phase.p50)}, p99 ${ms(phase.p99)}, ` +
  `max ${ms(phase.max)} (start events p99 ${ms(phase.startP99)}, forwarded p99 ${ms(phase.forwardP99)}); ` +
  `${phase.readsPerEvent.toFixed(2)} DynamoDB reads/event; lost ${phase.lost}, duplicated ${phase.duplicated}, ` +
  `incomplete workflows ${phase.incomplete}; sender lag p99 ${ms(phase.senderLagP99)}`;
const figures = (phase: Phase) => {
  const round = (value: number, digits = 1) =>
    Number.isFinite(value) ? Number(value.toFixed(digits)) : null;
  return {
    events: phase.events,
    seconds: round(phase.seconds, 2),
    offeredEventsPerSecond: round(phase.offeredPerSecond),
    eventsPerSecond: round(phase.eventsPerSecond),
    latencyMs: {
      p50: round(phase.p50),
      p99: round(phase.p99),
      max: round(phase.max),
      startEventsP99: round(phase.startP99),
      forwardedEventsP99: round(phase.forwardP99),
    },
    dynamodbReadsPerEvent: round(phase.readsPerEvent, 2),
    lostTransitions: phase.lost,
    duplicatedTransitions: phase.duplicated,
    incompleteWorkflows: phase.incomplete,
    senderLagP99Ms: round(phase.senderLagP99),
  };
};

async function main() {
  const shape = describeArrivals(planArrivals(MODEL, STEPS.length));
  const arrival = `${IS_BURST ? 'burst: every start event at once' : `Poisson starts over ${MODEL.rampMs / 1000} s`}, events of a workflow ${MODEL.gapMinMs / 1000}-${MODEL.gapMaxMs / 1000} s apart (uniform), open loop, seed ${MODEL.seed}`;
  log(`choreography benchmark: ${MODEL.workflows} order workflows × ${STEPS.length} events; ${arrival}`);
  log(
    `arrivals: peak ${shape.peakInFlight} workflows in flight, peak ${shape.peakEventsPerSecond} events/s; 5 SQS pollers per queue`
  );
  const cloud = await startChoreographyCloud({ stage: STAGE, wrap });
  const sfn = new SFNClient({
    endpoint: cloud.endpoints.stepfunctions,
    region: cloud.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    naive = createNaiveForwarder({
      model: loadChoreographyFile('choreographies/order.yml'),
      table: `vigil-${STAGE}-choreography-tokens`,
      endpoints: cloud.endpoints,
      region: cloud.region,
    });
    // Warm both paths (module loading, JIT, connections) before measuring either.
    const warm: ArrivalModel = { workflows: 20, rampMs: 500, gapMinMs: 200, gapMaxMs: 400, seed: 1 };
    for (const warmMode of ['vigil', 'baseline'] as const) {
      mode = warmMode;
      await runPhase(cloud, sfn, `warm-${warmMode}`, warm);
    }
    mode = 'vigil';
    const vigil = await runPhase(cloud, sfn, 'v', MODEL);
    log(`vigil:    ${describe(vigil)}`);
    mode = 'baseline';
    const baseline = await runPhase(cloud, sfn, 'b', MODEL);
    log(`baseline: ${describe(baseline)} (naive forwarder of the AWS post)`);
    const ratio = (a: number, b: number) => (b > 0 ? Number((a / b).toFixed(2)) : null);
    log(
      JSON.stringify({
        benchmark: 'choreography',
        workflows: MODEL.workflows,
        eventsPerWorkflow: STEPS.length,
        arrival: { mode: IS_BURST ? 'burst' : 'paced', ...MODEL, ...shape },
        pollersPerQueue: 5,
        ...figures(vigil),
        completed: vigil.isComplete,
        targetP99Ms: 200,
        meetsP99Target: vigil.p99 <= 200,
        baseline: { name: 'naive forwarder (AWS post): GetItem + SendTaskSuccess', ...figures(baseline) },
        ratio: {
          eventsPerSecond: ratio(vigil.eventsPerSecond, baseline.eventsPerSecond),
          p50: ratio(vigil.p50, baseline.p50),
          p99: ratio(vigil.p99, baseline.p99),
          forwardedEventsP99: ratio(vigil.forwardP99, baseline.forwardP99),
        },
      })
    );
  } finally {
    sfn.destroy();
    await cloud.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `vigil: bench choreography: ${error instanceof Error ? error.stack : String(error)}\n`
  );
  process.exit(1);
});
