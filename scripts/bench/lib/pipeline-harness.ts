// local-cloud wired for the pipeline benchmark: the platform and parser stacks from their serverless.yml,
// the parser's ingestLogFiles in process (fed by local-cloud's SQS event source from the log-file queue the
// bucket notifies), and an alert collector function behind a rule on the stage's bus that timestamps alerts.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type LambdaLike, startLocalCloud } from '../../../packages/local-cloud/src/index';
import { bundleHandler } from './bundle-handler';
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  PutObjectCommand,
  S3Client,
  SQSClient,
} from './parser-sdk';
import type { PipelineLog } from './pipeline-logs';

const STAGE = 'bench';
const bundleDir = mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-pipeline-bundle-'));
const COLLECTOR = 'vigil-bench-alert-collector';

export interface CollectedAlert {
  ruleId: string;
  eventId: string;
  key: string;
  latencyMs: number;
}

type Json = Record<string, unknown>;
const asObject = (value: unknown): Json =>
  value !== null && typeof value === 'object' ? (value as Json) : {};

export async function startPipeline(root: string) {
  const startedAt = Date.now();
  const received: { ruleId: string; eventId: string; key: string; at: number }[] = [];
  let ingest: ((event: unknown, context: unknown) => Promise<unknown>) | undefined;
  let invocations = 0;
  let failedInvocations = 0;
  const ingestFn: LambdaLike = async (event: never, context) => {
    invocations++;
    if (ingest === undefined) throw new Error('ingestLogFiles is not loaded yet');
    try {
      return await ingest(event, context);
    } catch (error) {
      failedInvocations++;
      throw error;
    }
  };
  const collector: LambdaLike = async (event: never) => {
    const detail = asObject(asObject(event).detail);
    received.push({
      ruleId: String(detail.ruleId),
      eventId: String(asObject(detail.event).eventID),
      key: String(asObject(detail.origin).key),
      at: Date.now(),
    });
  };
  const cloud = await startLocalCloud({
    stage: STAGE,
    services: ['platform', 'cloudtrail-parser'],
    functions: { [`vigil-cloudtrail-${STAGE}-ingestLogFiles`]: ingestFn, [COLLECTOR]: collector },
  });
  try {
    const config = { region: cloud.region, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } };
    const s3 = new S3Client({ ...config, endpoint: cloud.endpoints.s3, forcePathStyle: true });
    const sqs = new SQSClient({ ...config, endpoint: cloud.endpoints.sqs });
    const queueUrl = async (name: string) =>
      (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl ?? '';
    const dlq = await queueUrl(`vigil-${STAGE}-cloudtrail-log-files-dlq`);
    // What serverless.yml gives the function; read by the parser's config at module load (cold start).
    Object.assign(process.env, cloud.env(), {
      STAGE,
      POWERTOOLS_SERVICE_NAME: 'cloudtrail-parser',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      POWERTOOLS_METRICS_DISABLED: 'true',
      ALERT_TOPIC_ARN: `arn:aws:sns:${cloud.region}:${cloud.accountId}:vigil-${STAGE}-alerts`,
      EVENT_BUS_NAME: `vigil-${STAGE}`,
      IDEMPOTENCY_TABLE_NAME: `vigil-${STAGE}-ct-idempotency`,
      RULE_STATE_TABLE_NAME: `vigil-${STAGE}-ct-rule-state`,
      PRINCIPALS_TABLE_NAME: `vigil-${STAGE}-ct-principals`,
      WATCHLIST_TABLE_NAME: `vigil-${STAGE}-ct-watchlist`,
      ACCOUNTS_TABLE_NAME: `vigil-${STAGE}-accounts`,
      LOG_FILE_DLQ_URL: dlq,
      RULES_DIR: path.join(root, 'services/cloudtrail-parser/rules'),
    });
    // The handler as Lambda runs it: bundled by esbuild (middy is ESM-only, which plain `require` cannot
    // load from TypeScript sources), its module-scope config and clients built from this environment.
    const bundle = await bundleHandler(
      path.join(root, 'services/cloudtrail-parser/src/handlers/ingest-log-files.ts'),
      path.join(root, 'services/cloudtrail-parser'),
      bundleDir,
      'standalone'
    );
    const loaded: unknown = require(bundle.file);
    const main: unknown = asObject(loaded).main;
    if (typeof main !== 'function') throw new Error('ingest-log-files bundle has no main handler');
    ingest = (event, context) => Promise.resolve(main(event, context));

    // The collector listens on the stage's bus like any subscriber would (a rule with a Lambda target).
    cloud.router.eventBridge.putRule({
      Name: 'bench-alert-collector',
      EventBusName: `vigil-${STAGE}`,
      EventPattern: JSON.stringify({ source: ['vigil.cloudtrail'], 'detail-type': ['Vigil Alert'] }),
    });
    cloud.router.eventBridge.putTargets('bench-alert-collector', `vigil-${STAGE}`, [
      { Id: 'collector', Arn: `arn:aws:lambda:${cloud.region}:${cloud.accountId}:function:${COLLECTOR}` },
    ]);
    const bucket = `vigil-${STAGE}-cloudtrail-${cloud.accountId}-${cloud.region}`;

    return {
      accountId: cloud.accountId,
      bucket,
      startupSeconds: (Date.now() - startedAt) / 1000,
      /** Puts every log (16 at a time), waits for one alert per log (or the timeout), then for stragglers. */
      async putAndCollect(logs: PipelineLog[], options: { timeoutMs: number }) {
        const putAt = new Map<string, number>();
        const expected = new Set(logs.map((log) => log.alertEventId));
        const firstPut = Date.now();
        const queue = [...logs];
        await Promise.all(
          Array.from({ length: 16 }, async () => {
            for (let log = queue.shift(); log !== undefined; log = queue.shift()) {
              putAt.set(log.key, Date.now());
              await s3.send(new PutObjectCommand({ Bucket: bucket, Key: log.key, Body: log.body }));
            }
          })
        );
        const deadline = Date.now() + options.timeoutMs;
        const arrived = () =>
          new Set(received.map((alert) => alert.eventId).filter((id) => expected.has(id))).size;
        while (arrived() < expected.size && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 50));
        const lastAlert = Math.max(...received.map((alert) => alert.at), firstPut);
        // Late duplicates would come from redeliveries: give them a moment, then let the router finish.
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        await cloud.router.settled();
        const attributes = await sqs.send(
          new GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ['ApproximateNumberOfMessages'] })
        );
        return {
          elapsedMs: lastAlert - firstPut,
          invocations,
          failedInvocations,
          deadLetters: Number(attributes.Attributes?.ApproximateNumberOfMessages ?? 0),
          alerts: received.map(
            (alert): CollectedAlert => ({
              ruleId: alert.ruleId,
              eventId: alert.eventId,
              key: alert.key,
              latencyMs: alert.at - (putAt.get(alert.key) ?? firstPut),
            })
          ),
        };
      },
      async stop() {
        for (const client of [s3, sqs]) client.destroy();
        await cloud.stop();
        rmSync(bundleDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await cloud.stop();
    throw error;
  }
}
