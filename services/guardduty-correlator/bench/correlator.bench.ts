// `pnpm --silent bench correlator`: 10,000 findings over 2,000 resources through ingest + matcher on DynamoDB
// Local (the real handlers and adapters; the stream read like an event source mapping), correlated findings
// imported into the local Security Hub recorder. Baseline in the same run: the seed's design (store the first
// finding's first resource, a table Scan per stream event, no correlation record) on a sample of the resources,
// over a table holding the whole estate.
// Readable lines, then one JSON line.

// First: lets tsx (CommonJS) load middy 7, which only has an `import` export condition (see that file).
import '@vigil/lambda-kit/register-esm-only';
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { CreateEventBusCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { GetFindingsCommand } from '@aws-sdk/client-securityhub';
import { CreateTopicCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { compilePattern } from '@vigil/event-patterns';
import { DynamoDbStreamEventSchema, SqsEventSchema } from '@vigil/event-schema';
import { fakeContext } from '@vigil/lambda-kit/testing';
import { startLocalCloud } from '@vigil/local-cloud';
import { createAwsClients } from '../src/adapters/aws-clients';
import { createRuntime } from '../src/adapters/create-runtime';
import { parseConfig } from '../src/config';
import { normaliseFinding } from '../src/core/normalise-finding';
import { MATCHER_STREAM_FILTER } from '../src/core/stream-filter';
import { createIngestFindingsHandler } from '../src/handlers/ingest-findings';
import { createMatchCorrelationsHandler } from '../src/handlers/match-correlations';
import { securityHubEvent } from '../src/samples/asff-samples';
import { countCalls } from '../tests/helpers/count-calls';
import { generateEstate, toDeliveries } from './generate-findings';
import { runSeedBaseline } from './seed-baseline';
import { consumeStream } from './stream-reader';

const TABLE = 'bench-findings';
const INGEST_CONCURRENCY = Number(process.env.BENCH_INGEST_CONCURRENCY ?? 4);
/** The baseline runs on every n-th resource (its Scan per event over the full table is slow). */
const BASELINE_EVERY = Number(process.env.BENCH_BASELINE_EVERY ?? 50);
const quietMetrics = { count: () => undefined };
const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const estate = generateEstate({ instances: 1200, buckets: 500, roles: 300, perResource: 5, seed: 42 });
  const deliveries = toDeliveries(estate.findings, 7, 0.05);
  log(
    `correlator benchmark: ${estate.findings.length} findings over ${estate.resources} resources, ${deliveries.length} Security Hub events (5% redelivered, shuffled), ${estate.planted.length} planted correlations`
  );

  const cloud = await startLocalCloud({ services: [] });
  try {
    Object.assign(process.env, cloud.env(), { POWERTOOLS_DEV: 'true', POWERTOOLS_LOG_LEVEL: 'SILENT' });
    const clients = createAwsClients();
    const calls = new Map<string, number>();
    const { documentClient: _documentClient, ...counted } = clients;
    for (const client of Object.values(counted))
      countCalls(client as Parameters<typeof countCalls>[0], calls);
    const streamArn = await createFindingsTable(clients.dynamodb, TABLE);
    const { QueueUrl } = await clients.sqs.send(new CreateQueueCommand({ QueueName: 'bench-quarantine' }));
    const { TopicArn } = await clients.sns.send(new CreateTopicCommand({ Name: 'bench-alerts' }));
    const events = new EventBridgeClient({});
    await events.send(new CreateEventBusCommand({ Name: 'bench' }));
    events.destroy();
    const runtime = createRuntime(
      parseConfig({
        STAGE: 'bench',
        FINDINGS_TABLE_NAME: TABLE,
        EVENT_BUS_NAME: 'bench',
        ALERT_TOPIC_ARN: TopicArn,
        QUARANTINE_QUEUE_URL: QueueUrl,
        ACCOUNT_ID: cloud.accountId,
        AWS_REGION: cloud.region,
        ENRICHMENT: 'none',
      }),
      clients,
      quietMetrics
    );
    const ingest = createIngestFindingsHandler(runtime);
    const match = createMatchCorrelationsHandler(runtime);
    const filter = compilePattern(MATCHER_STREAM_FILTER);

    // ---------------------------------------------------------------- ingest ∥ matcher
    const started = performance.now();
    let ingestDone = false;
    let streamRecords = 0;
    let matcherInvocations = 0;
    const ingestion = (async () => {
      const batches: string[][] = [];
      for (let index = 0; index < deliveries.length; index += 10) {
        batches.push(
          deliveries.slice(index, index + 10).map((findings) => JSON.stringify(securityHubEvent(findings)))
        );
      }
      let next = 0;
      await Promise.all(
        Array.from({ length: INGEST_CONCURRENCY }, async () => {
          while (next < batches.length) {
            const batch = batches[next++] ?? [];
            const result = await ingest(sqsEvent(batch), fakeContext());
            if (result.batchItemFailures.length > 0)
              throw new Error(`ingest failed: ${JSON.stringify(result)}`);
          }
        })
      );
      ingestDone = true;
    })();
    let emptyPollsAfterIngest = 0;
    const matching = consumeStream({
      endpoint: cloud.endpoints.dynamodb,
      streamArn,
      batchSize: 100,
      calls,
      isDone: () => (ingestDone ? ++emptyPollsAfterIngest >= 3 : false),
      handle: async (records) => {
        emptyPollsAfterIngest = 0;
        streamRecords += records.length;
        const wanted = records.filter((record) => filter.matches(record));
        if (wanted.length === 0) return;
        matcherInvocations += 1;
        const event = DynamoDbStreamEventSchema.parse({ Records: wanted.map(lambdaStreamRecord(streamArn)) });
        const result = await match(event);
        if (result.batchItemFailures.length > 0) throw new Error(`matcher failed: ${JSON.stringify(result)}`);
      },
    });
    await Promise.all([ingestion, matching]);
    const seconds = (performance.now() - started) / 1000;

    // ---------------------------------------------------------------- what Security Hub holds
    const correlated = await correlatedFindings(clients.securityHub);
    const byKey = new Map<string, number>();
    for (const finding of correlated) {
      const key = `${finding.ProductFields?.['vigil/ruleId']}|${finding.ProductFields?.['vigil/resourceKey']}`;
      byKey.set(key, (byKey.get(key) ?? 0) + 1);
    }
    const planted = new Set(estate.planted.map((entry) => `${entry.ruleId}|${entry.resourceKey}`));
    const missing = [...planted].filter((key) => !byKey.has(key));
    const unexpected = [...byKey.keys()].filter((key) => !planted.has(key));
    const duplicates = [...byKey.values()].reduce((sum, count) => sum + count - 1, 0);
    const reads =
      (calls.get('QueryCommand') ?? 0) + (calls.get('GetItemCommand') ?? 0) + (calls.get('ScanCommand') ?? 0);
    const writes = (calls.get('PutItemCommand') ?? 0) + (calls.get('UpdateItemCommand') ?? 0);
    const findings = estate.findings.length;
    const main = {
      seconds: round(seconds, 2),
      findingsPerSecond: round(findings / seconds, 1),
      dynamodbReads: reads,
      dynamodbWrites: writes,
      readsPerFinding: round(reads / findings, 3),
      writesPerFinding: round(writes / findings, 3),
      streamRecords,
      matcherInvocations,
      streamGetRecords: calls.get('Streams.GetRecords') ?? 0,
      correlated: correlated.length,
      planted: planted.size,
      missing: missing.length,
      unexpected: unexpected.length,
      duplicates,
      batchImportCalls: calls.get('BatchImportFindingsCommand') ?? 0,
      putEventsCalls: calls.get('PutEventsCommand') ?? 0,
    };
    if (unexpected.length > 0 || missing.length > 0)
      log(
        `          unexpected: ${unexpected.slice(0, 5).join(', ')}; missing: ${missing.slice(0, 5).join(', ')}`
      );
    log(
      `vigil:    ${main.seconds} s, ${main.findingsPerSecond} findings/s; DynamoDB ${reads} reads (${main.readsPerFinding}/finding), ${writes} writes (${main.writesPerFinding}/finding)`
    );
    log(
      `          ${streamRecords} stream records in ${matcherInvocations} matcher invocations; ${correlated.length} correlated findings for ${planted.size} planted (missing ${missing.length}, unexpected ${unexpected.length}, duplicates ${duplicates}) in ${main.batchImportCalls} BatchImportFindings calls`
    );

    // ---------------------------------------------------------------- the seed's design, same run, on a sample
    const sampleKeys = new Set<string>();
    const firstKey = (finding: (typeof estate.findings)[number]) =>
      normaliseFinding(finding).resources[0]?.key ?? '';
    const allKeys = [...new Set(estate.findings.map(firstKey))].sort();
    allKeys.forEach((key, index) => {
      if (index % BASELINE_EVERY === 0) sampleKeys.add(key);
    });
    const sample = deliveries
      .map((event) => event.filter((finding) => sampleKeys.has(firstKey(finding))))
      .filter((event) => event.length > 0);
    const rest = deliveries
      .map((event) => event.filter((finding) => !sampleKeys.has(firstKey(finding))))
      .filter((event) => event.length > 0);
    const samplePlanted = estate.planted.filter((entry) => sampleKeys.has(entry.resourceKey));
    const baseline = await runSeedBaseline({
      clients,
      preload: rest,
      deliveries: sample,
      ruleSet: runtime.ruleSet,
      planted: samplePlanted,
    });
    log(
      `baseline: ${baseline.findings} findings (every ${BASELINE_EVERY}th resource) in ${baseline.seconds} s, ${baseline.findingsPerSecond} findings/s; ${baseline.readsPerFinding} reads/finding (a Scan per stream event over the full table: ${baseline.itemsScannedPerFinding} items scanned per finding); ${baseline.imports} imports for ${baseline.planted} planted (duplicates ${baseline.duplicates}, missing ${baseline.missing})`
    );

    const result = {
      benchmark: 'correlator',
      findings,
      resources: estate.resources,
      events: deliveries.length,
      ...main,
      baseline,
      ratio: {
        readsPerFinding: round(baseline.readsPerFinding / Math.max(main.readsPerFinding, 1e-9), 1),
        findingsPerSecond: round(main.findingsPerSecond / Math.max(baseline.findingsPerSecond, 1e-9), 1),
      },
      targetReadsPerFinding: 2,
      meetsTarget:
        main.readsPerFinding <= 2 && main.duplicates === 0 && main.missing === 0 && main.unexpected === 0,
    };
    log(JSON.stringify(result));
    for (const client of Object.values(clients)) client.destroy();
  } finally {
    await cloud.stop();
  }
}

async function createFindingsTable(
  dynamodb: ReturnType<typeof createAwsClients>['dynamodb'],
  name: string
): Promise<string> {
  // The same key schema and stream as FindingsTable in serverless.yml.
  await dynamodb.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    })
  );
  const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: name }));
  if (!Table?.LatestStreamArn) throw new Error('no stream on the findings table');
  return Table.LatestStreamArn;
}

async function correlatedFindings(client: ReturnType<typeof createAwsClients>['securityHub']) {
  const found = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(
      new GetFindingsCommand({
        Filters: { GeneratorId: [{ Value: 'vigil-correlator/', Comparison: 'PREFIX' }] },
        MaxResults: 100,
        NextToken,
      })
    );
    found.push(...(page.Findings ?? []));
    NextToken = page.NextToken || undefined;
  } while (NextToken);
  return found;
}

function sqsEvent(bodies: string[]) {
  return SqsEventSchema.parse({
    Records: bodies.map((body, index) => ({
      messageId: `m-${index}-${Math.random()}`,
      receiptHandle: 'r',
      body,
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '0',
        SenderId: 'bench',
        ApproximateFirstReceiveTimestamp: '0',
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:bench-ingest',
      awsRegion: 'us-east-1',
    })),
  });
}

function lambdaStreamRecord(streamArn: string) {
  return (record: Record<string, unknown>) => ({
    ...record,
    eventSourceARN: streamArn,
    awsRegion: 'us-east-1',
    eventSource: 'aws:dynamodb',
    eventVersion: '1.1',
  });
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

main().catch((error) => {
  process.stderr.write(`vigil: bench correlator: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
