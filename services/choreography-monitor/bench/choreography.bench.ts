// `pnpm --silent bench choreography [--workflows N] [--pollers P]`: N concurrent order workflows (6 events
// each) through the whole local stack — EventBridge router → SQS (fauxqs) → the handlers → DynamoDB Local →
// the Step Functions facade running the compiled ASL — first with Vigil's forwarder, then (same run, other
// workflows) with the AWS post's naive forwarder as the baseline. Latency is event → transition: from
// PutEvents until Step Functions accepted the event (execution started, or SendTaskSuccess returned).
import { performance } from 'node:perf_hooks';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import type { LambdaLike } from '@vigil/local-cloud';
import { loadChoreographyFile } from '../src/adapters/choreography-files';
import { tokenStoreReads } from '../src/adapters/dynamodb-token-store';
import { startChoreographyCloud } from '../src/local/start-choreography-cloud';
import { createNaiveForwarder, type NaiveForwarder } from './naive-forwarder';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(args[index + 1]);
};
const WORKFLOWS = option('workflows', 1000);
// AWS starts 5 concurrent pollers per SQS event source; local-cloud's event source is one poller.
const POLLERS = option('pollers', 5);
const STAGE = 'dev';
const STEPS: [string, string, string | undefined][] = [
  ['Order Placed', 'com.example.orders', 'AwaitingPayment'],
  ['Payment Succeeded', 'com.example.payments', 'AwaitingInventory'],
  ['Inventory Reserved', 'com.example.warehouse', 'AwaitingDispatch'],
  ['Order Dispatched', 'com.example.shipping', 'AwaitingPackaging'],
  ['Order Packaged', 'com.example.warehouse', 'AwaitingDelivery'],
  ['Order Delivered', 'com.example.shipping', undefined],
];
const log = (line: string) => process.stdout.write(`${line}\n`);

/** One-shot signals keyed by name: whoever waits first or signals first, both meet. */
class Signals {
  private readonly waiting = new Map<string, { promise: Promise<number>; resolve: (at: number) => void }>();
  private slot(key: string) {
    let slot = this.waiting.get(key);
    if (slot === undefined) {
      let resolve: (at: number) => void = () => undefined;
      const promise = new Promise<number>((r) => {
        resolve = r;
      });
      slot = { promise, resolve };
      this.waiting.set(key, slot);
    }
    return slot;
  }
  signal(key: string, at = performance.now()) {
    this.slot(key).resolve(at);
  }
  wait(key: string) {
    return this.slot(key).promise;
  }
}

type Body = { id?: string; detail?: { status?: string; name?: string } };
const signals = new Signals();
let mode: 'vigil' | 'baseline' = 'vigil';
let naive: NaiveForwarder | undefined;

function bodies(event: unknown): { messageId: string; body: Body }[] {
  const records = (event as { Records?: { messageId: string; body: string }[] }).Records ?? [];
  return records.map((record) => ({ messageId: record.messageId, body: JSON.parse(record.body) as Body }));
}

async function afterBatch(event: unknown, run: () => Promise<unknown>) {
  const result = (await run()) as { batchItemFailures?: { itemIdentifier: string }[] } | undefined;
  const failed = new Set((result?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
  const now = performance.now();
  for (const { messageId, body } of bodies(event))
    if (!failed.has(messageId) && body.id) signals.signal(`event:${body.id}`, now);
  return result;
}

function wrap(name: string, handler: LambdaLike): LambdaLike {
  if (name === 'startWorkflow')
    return (event, context) => afterBatch(event, async () => handler(event, context));
  if (name === 'forwardEvent') {
    return (event, context) =>
      afterBatch(event, async () =>
        mode === 'baseline' && naive ? naive.handle(event as never) : handler(event, context)
      );
  }
  if (name === 'deliverInbox') {
    return async (event, context) => {
      const records =
        (event as { Records?: { dynamodb?: { NewImage?: Record<string, { S?: string }> } }[] }).Records ?? [];
      for (const record of records) {
        const image = record.dynamodb?.NewImage;
        if (image?.pk?.S && image.state?.S && image.claimedBy === undefined)
          signals.signal(`token:${image.pk.S}:${image.state.S}`);
      }
      return handler(event, context);
    };
  }
  return async (event, context) => {
    const result = await handler(event, context);
    const detail = (event as Body).detail;
    if (detail?.status === 'SUCCEEDED' && detail.name) signals.signal(`done:${detail.name}`);
    return result;
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function runPhase(
  cloud: Awaited<ReturnType<typeof startChoreographyCloud>>,
  prefix: string,
  workflows = WORKFLOWS
) {
  const latencies: number[] = [];
  const startLatencies: number[] = [];
  const forwardLatencies: number[] = [];
  const publish = async (id: string, detailType: string, source: string) => {
    const result = await cloud.router.putEvents([
      {
        Source: source,
        DetailType: detailType,
        Detail: JSON.stringify({ order_id: id }),
        EventBusName: `vigil-${STAGE}`,
      },
    ]);
    const entry = result.Entries[0];
    if (entry === undefined || !('EventId' in entry)) throw new Error('PutEvents failed');
    return entry.EventId;
  };
  const runWorkflow = async (id: string) => {
    for (const [detailType, source, next] of STEPS) {
      const sent = performance.now();
      const eventId = await publish(id, detailType, source);
      const latency = (await signals.wait(`event:${eventId}`)) - sent;
      latencies.push(latency);
      (detailType === 'Order Placed' ? startLatencies : forwardLatencies).push(latency);
      await (next === undefined ? signals.wait(`done:${id}`) : signals.wait(`token:order#${id}:${next}`));
    }
  };
  const ids = Array.from({ length: workflows }, (_, index) => `${prefix}-${index}`);
  const readsBefore = { ...tokenStoreReads };
  const naiveReadsBefore = naive?.reads ?? 0;
  const started = performance.now();
  const deadline = new Promise<'timeout'>((resolve) =>
    setTimeout(() => resolve('timeout'), 15 * 60_000).unref()
  );
  const finished = await Promise.race([
    Promise.all(ids.map(runWorkflow)).then(() => 'done' as const),
    deadline,
  ]);
  const seconds = (performance.now() - started) / 1000;
  await cloud.router.settled();
  const sorted = latencies.sort((a, b) => a - b);
  const events = latencies.length;
  const reads =
    mode === 'vigil'
      ? tokenStoreReads.readRequests - readsBefore.readRequests
      : (naive?.reads ?? 0) - naiveReadsBefore;
  return {
    ids,
    finished,
    events,
    seconds,
    eventsPerSecond: events / seconds,
    latencyMs: { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN },
    startP99Ms: percentile(
      startLatencies.sort((a, b) => a - b),
      99
    ),
    forwardP99Ms: percentile(
      forwardLatencies.sort((a, b) => a - b),
      99
    ),
    readsPerEvent: reads / Math.max(1, events),
    readUnitsPerEvent:
      mode === 'vigil'
        ? (tokenStoreReads.readUnits - readsBefore.readUnits) / Math.max(1, events)
        : undefined,
  };
}

/** Lost: a workflow that did not succeed with its 5 transitions; duplicated: a transition taken twice. */
async function auditTransitions(sfn: SFNClient, ids: string[]) {
  let lost = 0;
  let duplicated = 0;
  for (let index = 0; index < ids.length; index += 25) {
    await Promise.all(
      ids.slice(index, index + 25).map(async (id) => {
        const executionArn = `arn:aws:states:us-east-1:000000000000:execution:vigil-${STAGE}-choreography-order:${id}`;
        const execution = await sfn
          .send(new DescribeExecutionCommand({ executionArn }))
          .catch(() => undefined);
        const { events = [] } = await sfn
          .send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))
          .catch(() => ({ events: [] }));
        const transitions = events.filter((event) => event.type === 'TaskSucceeded').length;
        if (execution?.status !== 'SUCCEEDED' || transitions < STEPS.length - 1)
          lost += Math.max(1, STEPS.length - 1 - transitions);
        if (transitions > STEPS.length - 1) duplicated += transitions - (STEPS.length - 1);
      })
    );
  }
  return { lost, duplicated };
}

async function main() {
  log(
    `choreography benchmark: ${WORKFLOWS} concurrent order workflows × ${STEPS.length} events, ${POLLERS} SQS pollers per queue`
  );
  const cloud = await startChoreographyCloud({ stage: STAGE, wrap });
  const sfn = new SFNClient({
    endpoint: cloud.endpoints.stepfunctions,
    region: cloud.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    for (const queue of ['start', 'forward']) {
      for (let poller = 1; poller < POLLERS; poller += 1) {
        cloud.router.addSqsEventSource({
          queueArn: `arn:aws:sqs:${cloud.region}:${cloud.accountId}:vigil-${STAGE}-choreography-${queue}`,
          functionName: `vigil-choreo-${STAGE}-${queue === 'start' ? 'startWorkflow' : 'forwardEvent'}`,
          batchSize: 10,
          reportBatchItemFailures: true,
        });
      }
    }
    naive = createNaiveForwarder({
      model: loadChoreographyFile('choreographies/order.yml'),
      table: `vigil-${STAGE}-choreography-tokens`,
      endpoints: cloud.endpoints,
      region: cloud.region,
    });

    // Warm both paths (module loading, JIT, connections) before measuring either.
    for (const warmMode of ['vigil', 'baseline'] as const) {
      mode = warmMode;
      await runPhase(cloud, `warm-${warmMode}`, 20);
    }
    mode = 'vigil';
    const vigil = await runPhase(cloud, 'v');
    const vigilAudit = await auditTransitions(sfn, vigil.ids);
    log(
      `vigil:    ${vigil.events} events in ${vigil.seconds.toFixed(1)}s = ${vigil.eventsPerSecond.toFixed(0)} events/s; event → transition p50 ${vigil.latencyMs.p50.toFixed(1)} ms, p99 ${vigil.latencyMs.p99.toFixed(1)} ms (start events ${vigil.startP99Ms.toFixed(1)} ms, forwarded events ${vigil.forwardP99Ms.toFixed(1)} ms); ${vigil.readsPerEvent.toFixed(2)} DynamoDB reads/event; lost ${vigilAudit.lost}, duplicated ${vigilAudit.duplicated}`
    );

    mode = 'baseline';
    const baseline = await runPhase(cloud, 'b');
    const baselineAudit = await auditTransitions(sfn, baseline.ids);
    log(
      `baseline: ${baseline.events} events in ${baseline.seconds.toFixed(1)}s = ${baseline.eventsPerSecond.toFixed(0)} events/s; event → transition p50 ${baseline.latencyMs.p50.toFixed(1)} ms, p99 ${baseline.latencyMs.p99.toFixed(1)} ms (start events ${baseline.startP99Ms.toFixed(1)} ms, forwarded events ${baseline.forwardP99Ms.toFixed(1)} ms); ${baseline.readsPerEvent.toFixed(2)} reads/event; lost ${baselineAudit.lost}, duplicated ${baselineAudit.duplicated} (naive forwarder of the AWS post)`
    );

    const round = (value: number | undefined, digits = 2) =>
      value === undefined ? null : Number(value.toFixed(digits));
    log(
      JSON.stringify({
        benchmark: 'choreography',
        workflows: WORKFLOWS,
        eventsPerWorkflow: STEPS.length,
        pollersPerQueue: POLLERS,
        events: vigil.events,
        seconds: round(vigil.seconds),
        eventsPerSecond: round(vigil.eventsPerSecond, 1),
        latencyMs: {
          p50: round(vigil.latencyMs.p50, 1),
          p99: round(vigil.latencyMs.p99, 1),
          max: round(vigil.latencyMs.max, 1),
          startEventsP99: round(vigil.startP99Ms, 1),
          forwardedEventsP99: round(vigil.forwardP99Ms, 1),
        },
        dynamodbReadsPerEvent: round(vigil.readsPerEvent),
        dynamodbReadUnitsPerEvent: round(vigil.readUnitsPerEvent),
        lostTransitions: vigilAudit.lost,
        duplicatedTransitions: vigilAudit.duplicated,
        completed: vigil.finished === 'done',
        targetP99Ms: 200,
        meetsP99Target: vigil.latencyMs.p99 <= 200,
        baseline: {
          name: 'naive forwarder (AWS post): GetItem + SendTaskSuccess',
          eventsPerSecond: round(baseline.eventsPerSecond, 1),
          latencyMs: {
            p50: round(baseline.latencyMs.p50, 1),
            p99: round(baseline.latencyMs.p99, 1),
            startEventsP99: round(baseline.startP99Ms, 1),
            forwardedEventsP99: round(baseline.forwardP99Ms, 1),
          },
          dynamodbReadsPerEvent: round(baseline.readsPerEvent),
          lostTransitions: baselineAudit.lost,
          duplicatedTransitions: baselineAudit.duplicated,
        },
        ratio: {
          eventsPerSecond: round(vigil.eventsPerSecond / baseline.eventsPerSecond),
          p50: round(vigil.latencyMs.p50 / baseline.latencyMs.p50),
          p99: round(vigil.latencyMs.p99 / baseline.latencyMs.p99),
          forwardedEventsP99: round(vigil.forwardP99Ms / baseline.forwardP99Ms),
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
