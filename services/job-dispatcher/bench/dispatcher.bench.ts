// `pnpm --silent bench dispatcher`: 10,000 jobs due in one tick, spread over two 5-minute buckets, dispatched
// against DynamoDB Local and the local EventBridge bus (local-cloud), by Vigil's dispatcher and by the seed
// design's naive one (query both buckets, then one PutEvents and one DeleteItem per job), in the same run.
// Every SDK call of the dispatcher's clients is counted by a middleware (retries included).
import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  type QueryCommandOutput,
} from '@aws-sdk/client-dynamodb';
import {
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startLocalCloud } from '@vigil/local-cloud';
import { dispatchDeps, dispatchSettings } from '../src/adapters/create-dispatch-runtime';
import { decodeJobItem, encodeJobItem } from '../src/adapters/job-item-codec';
import type { Config } from '../src/config';
import { BUCKET_MS, bucketKey, bucketStart } from '../src/core/bucket';
import { buildJobRecord } from '../src/core/build-job-record';
import { dispatchDueJobs } from '../src/core/dispatch-due-jobs';
import { lagStats } from '../src/core/lag-stats';
import { chunk } from '../src/core/put-events-batches';
import { dueSortKeyBound } from '../src/core/sort-key';

const JOBS = Number(process.env.BENCH_JOBS ?? 10_000);
const TICK_BUDGET_MS = 60_000;
const CONSUMER = 'bench-job-consumer';

type Counted = { middlewareStack: { add: (...args: never[]) => void } };

/** Counts every request a client sends (one per HTTP attempt: the middleware sits inside the retry loop). */
function countCalls(clients: Counted[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const client of clients) {
    const middleware =
      (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => (args: unknown) => {
        counts.set(context.commandName ?? 'unknown', (counts.get(context.commandName ?? 'unknown') ?? 0) + 1);
        return next(args);
      };
    (client.middlewareStack.add as (m: unknown, o: unknown) => void)(middleware, {
      step: 'deserialize',
      name: 'benchCountCalls',
    });
  }
  return counts;
}

const total = (counts: Map<string, number>) => [...counts.values()].reduce((sum, n) => sum + n, 0);

async function main(): Promise<void> {
  const received = new Map<string, number>();
  const cloud = await startLocalCloud({
    services: ['platform', 'job-dispatcher'],
    functions: {
      [CONSUMER]: (event: never) => {
        const jobId = (event as { detail: { vigilJob: { jobId: string } } }).detail.vigilJob.jobId;
        received.set(jobId, (received.get(jobId) ?? 0) + 1);
      },
    },
  });
  try {
    Object.assign(process.env, cloud.env());
    const seeder = new DynamoDBClient({});
    const admin = new EventBridgeClient({});
    const dlq = await new SQSClient({}).send(new GetQueueUrlCommand({ QueueName: 'vigil-dev-jobs-dlq' }));
    await admin.send(
      new PutRuleCommand({
        Name: 'bench',
        EventBusName: 'vigil-dev',
        EventPattern: JSON.stringify({ source: ['vigil.bench'] }),
      })
    );
    await admin.send(
      new PutTargetsCommand({
        Rule: 'bench',
        EventBusName: 'vigil-dev',
        Targets: [{ Id: 'c', Arn: `arn:aws:lambda:us-east-1:000000000000:function:${CONSUMER}` }],
      })
    );
    // The deployed defaults (serverless.yml params), spelled out: config.ts (parseEnv) lives in lambda-kit's index.
    const config: Config = {
      STAGE: 'dev',
      JOBS_TABLE_NAME: 'vigil-dev-jobs',
      STATE_TABLE_NAME: 'vigil-dev-jobs-state',
      EVENT_BUS_NAME: 'vigil-dev',
      TARGET_BUS_NAMES: [],
      DLQ_URL: dlq.QueueUrl ?? '',
      PAUSE_MINUTES: 15,
      DEFAULT_MAX_ATTEMPTS: 10,
      DEFAULT_MAX_EVENT_AGE_SECONDS: 86_400,
      PUBLISH_CONCURRENCY: 8,
      SAFETY_MARGIN_MS: 10_000,
      MAX_BUCKETS_PER_TICK: 120,
    };

    // The tick runs 30 s into a bucket; the jobs fell due over the minute before, half in each bucket.
    const tickAt = new Date(bucketStart(new Date()).getTime() + BUCKET_MS + 30_000);
    const seed = async () => {
      const records = Array.from({ length: JOBS }, (_, i) =>
        buildJobRecord(
          {
            jobId: `bench-${String(i).padStart(5, '0')}`,
            dueAt: new Date(tickAt.getTime() - 60_000 + Math.floor((i * 60_000) / JOBS)).toISOString(),
            source: 'vigil.bench',
            detailType: 'Bench Job',
            detail: {
              accountId: String(100_000_000_000 + i),
              action: 'scan',
              params: { region: 'us-east-1', deep: i % 2 === 0 },
            },
          },
          { now: new Date(tickAt.getTime() - 3_600_000), generateId: () => 'unused' }
        )
      );
      for (const batch of chunk(records, 25)) {
        await seeder.send(
          new BatchWriteItemCommand({
            RequestItems: {
              'vigil-dev-jobs': batch.map((r) => ({ PutRequest: { Item: encodeJobItem(r) } })),
            },
          })
        );
      }
      received.clear();
      const buckets = new Set(records.map((r) => r.pk));
      return { records, buckets: [...buckets] };
    };
    const verify = (ids: string[]) => {
      const lost = ids.filter((id) => !received.has(id)).length;
      const duplicates = [...received.values()].reduce((sum, n) => sum + n - 1, 0);
      return { lost, duplicates };
    };
    const remaining = async () => {
      let count = 0;
      for (const bucket of [bucketKey(new Date(tickAt.getTime() - BUCKET_MS)), bucketKey(tickAt)]) {
        const page = await seeder.send(
          new QueryCommand({
            TableName: 'vigil-dev-jobs',
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': { S: bucket } },
            Select: 'COUNT',
          })
        );
        count += page.Count ?? 0;
      }
      return count;
    };

    // ---------------------------------------------------------------- Vigil's dispatcher
    const vigilSeed = await seed();
    // Steady state: the previous tick (a minute ago) left the watermark at the previous bucket.
    await seeder.send(
      new PutItemCommand({
        TableName: 'vigil-dev-jobs-state',
        Item: {
          pk: { S: 'dispatcher#state' },
          watermark: { S: bucketKey(new Date(tickAt.getTime() - BUCKET_MS)) },
        },
      })
    );
    process.stdout.write(
      `seeded ${JOBS} jobs in buckets ${vigilSeed.buckets.join(', ')}; tick at ${tickAt.toISOString()}\n`
    );
    const clients = {
      dynamodb: new DynamoDBClient({ maxAttempts: 3 }),
      eventBridge: new EventBridgeClient({ maxAttempts: 3 }),
      sqs: new SQSClient({ maxAttempts: 3 }),
    };
    const vigilCounts = countCalls([
      clients.dynamodb,
      clients.eventBridge,
      clients.sqs,
    ] as unknown as Counted[]);
    const offset = tickAt.getTime() - Date.now();
    const clock = () => new Date(Date.now() + offset);
    const started = Date.now();
    const summary = await dispatchDueJobs(
      'bench-tick',
      dispatchSettings(config),
      dispatchDeps(
        config,
        clients,
        () => TICK_BUDGET_MS - (Date.now() - started),
        (message) => process.stderr.write(`warn: ${message}\n`),
        { clock }
      )
    );
    const vigilWallMs = Date.now() - started;
    await cloud.router.settled();
    const vigil = {
      ...verify(vigilSeed.records.map((r) => r.jobId)),
      left: await remaining(),
      calls: total(vigilCounts),
    };
    process.stdout.write(
      `lag = dispatch time - due time; the jobs fell due over the minute before the tick, so it includes up to 60 s of waiting for the tick\n` +
        `vigil: ${summary.dispatched}/${JOBS} dispatched (${summary.status}) in ${vigilWallMs} ms, ${vigil.calls} AWS calls ` +
        `(${[...vigilCounts].map(([name, n]) => `${name.replace('Command', '')} ${n}`).join(', ')}), lag p50 ${summary.lag.p50} ms p99 ${summary.lag.p99} ms, ` +
        `lost ${vigil.lost}, duplicates ${vigil.duplicates}, left in table ${vigil.left}\n`
    );

    // ---------------------------------------------------------------- the seed design's naive dispatcher
    const naiveSeed = await seed();
    const naiveClients = {
      dynamodb: new DynamoDBClient({ maxAttempts: 3 }),
      eventBridge: new EventBridgeClient({ maxAttempts: 3 }),
    };
    const naiveCounts = countCalls([naiveClients.dynamodb, naiveClients.eventBridge] as unknown as Counted[]);
    const naiveStart = Date.now();
    const naiveLags: number[] = [];
    for (const bucket of [bucketKey(new Date(tickAt.getTime() - BUCKET_MS)), bucketKey(tickAt)]) {
      let cursor: QueryCommandOutput['LastEvaluatedKey'];
      const items = [];
      do {
        const page = await naiveClients.dynamodb.send(
          new QueryCommand({
            TableName: 'vigil-dev-jobs',
            KeyConditionExpression: 'pk = :pk AND sk <= :due',
            ExpressionAttributeValues: { ':pk': { S: bucket }, ':due': { S: dueSortKeyBound(tickAt) } },
            ExclusiveStartKey: cursor,
          })
        );
        items.push(...(page.Items ?? []));
        cursor = page.LastEvaluatedKey;
      } while (cursor !== undefined);
      for (const item of items) {
        const job = decodeJobItem(item);
        await naiveClients.eventBridge.send(
          new PutEventsCommand({
            Entries: [
              {
                Source: job.source,
                DetailType: job.detailType,
                Detail: JSON.stringify({ ...job.detail, vigilJob: { jobId: job.jobId } }),
                EventBusName: 'vigil-dev',
              },
            ],
          })
        );
        naiveLags.push(clock().getTime() - Date.parse(job.fireAt));
      }
      for (const item of items)
        await naiveClients.dynamodb.send(
          new DeleteItemCommand({
            TableName: 'vigil-dev-jobs',
            Key: { pk: item.pk ?? { S: '' }, sk: item.sk ?? { S: '' } },
          })
        );
    }
    const naiveWallMs = Date.now() - naiveStart;
    await cloud.router.settled();
    const naive = {
      ...verify(naiveSeed.records.map((r) => r.jobId)),
      left: await remaining(),
      calls: total(naiveCounts),
      lag: lagStats(naiveLags),
    };
    process.stdout.write(
      `naive (seed design): ${JOBS} jobs in ${naiveWallMs} ms, ${naive.calls} AWS calls, lag p99 ${naive.lag.p99} ms, lost ${naive.lost}, duplicates ${naive.duplicates}, left ${naive.left}\n`
    );

    const per1000 = (calls: number) => Math.round((calls / JOBS) * 1000 * 10) / 10;
    const figures = {
      benchmark: 'dispatcher',
      jobs: JOBS,
      buckets: vigilSeed.buckets.length,
      vigil: {
        status: summary.status,
        dispatched: summary.dispatched,
        awsCalls: vigil.calls,
        callsPer1000Jobs: per1000(vigil.calls),
        callsByOperation: Object.fromEntries(vigilCounts),
        tickWallMs: vigilWallMs,
        jobsPerSecond: Math.round((summary.dispatched / vigilWallMs) * 1000),
        lagP50Ms: summary.lag.p50,
        lagP99Ms: summary.lag.p99,
        duplicates: vigil.duplicates,
        lost: vigil.lost,
        leftInTable: vigil.left,
      },
      naive: {
        awsCalls: naive.calls,
        callsPer1000Jobs: per1000(naive.calls),
        wallMs: naiveWallMs,
        jobsPerSecond: Math.round((JOBS / naiveWallMs) * 1000),
        lagP99Ms: naive.lag.p99,
        duplicates: naive.duplicates,
        lost: naive.lost,
      },
      ratio: {
        callsVsNaive: Math.round((vigil.calls / naive.calls) * 1000) / 1000,
        wallTimeVsNaive: Math.round((vigilWallMs / naiveWallMs) * 1000) / 1000,
      },
      targets: {
        callsPer1000JobsAtMost150: per1000(vigil.calls) <= 150,
        allWithinOneTick:
          summary.status === 'completed' && summary.dispatched === JOBS && vigilWallMs < TICK_BUDGET_MS,
        noLossNoDuplicates: vigil.lost === 0 && vigil.duplicates === 0 && vigil.left === 0,
      },
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    await seeder.send(new DeleteTableCommand({ TableName: 'vigil-dev-jobs' })).catch(() => undefined);
    if (!figures.targets.noLossNoDuplicates) process.exitCode = 1;
  } finally {
    await cloud.stop();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`vigil: bench dispatcher: ${String(error)}\n`);
  process.exitCode = 1;
});
