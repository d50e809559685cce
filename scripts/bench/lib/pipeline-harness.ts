// local-cloud wired for the pipeline benchmark: the platform and parser stacks from their serverless.yml,
// the parser under `serverless offline start` as ./scripts/start.sh runs it (its bundles, its environment
// resolved from serverless.yml; local-cloud's SQS event source invokes ingestLogFiles through its Lambda API
// with what the bucket notifies the log-file queue), and an alert collector function behind a rule on the
// stage's bus that timestamps alerts.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type LambdaLike, startLocalCloud } from '../../../packages/local-cloud/src/index';
import { OfflineService } from '../../start/offline-service';
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  PutObjectCommand,
  S3Client,
  SQSClient,
} from './parser-sdk';
import type { PipelineLog } from './pipeline-logs';

const STAGE = 'bench';
const logDir = mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-pipeline-logs-'));
const COLLECTOR = 'vigil-bench-alert-collector';
const INGEST = `vigil-cloudtrail-${STAGE}-ingestLogFiles`;

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
  // Filled once serverless-offline listens: the router reads it at each invocation.
  const lambdaEndpoints: Record<string, string> = {};
  const startedAt = Date.now();
  const received: { ruleId: string; eventId: string; key: string; at: number }[] = [];
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
    functions: { [COLLECTOR]: collector },
    lambdaEndpoints,
  });
  let offline: OfflineService | undefined;
  try {
    const config = { region: cloud.region, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } };
    const s3 = new S3Client({ ...config, endpoint: cloud.endpoints.s3, forcePathStyle: true });
    const sqs = new SQSClient({ ...config, endpoint: cloud.endpoints.sqs });
    const queueUrl = async (name: string) =>
      (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl ?? '';
    const dlq = await queueUrl(`vigil-${STAGE}-cloudtrail-log-files-dlq`);
    offline = await OfflineService.launch({
      name: 'cloudtrail-parser',
      dir: path.join(root, 'services/cloudtrail-parser'),
      stage: STAGE,
      region: cloud.region,
      accountId: cloud.accountId,
      cloudEnv: cloud.env(),
      // Quiet functions: their logs go to the log file, and metrics would only add EMF lines there.
      environment: { POWERTOOLS_LOG_LEVEL: 'ERROR', POWERTOOLS_METRICS_DISABLED: 'true' },
      logDir,
    });
    const readySeconds = await offline.waitUntilReady();
    lambdaEndpoints[`vigil-cloudtrail-${STAGE}-*`] = offline.lambdaEndpoint;
    const ingestDeliveries = () =>
      cloud.router.deliveries
        .list()
        .filter((delivery) => delivery.target === INGEST && delivery.source === 'sqs');

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
      /** serverless-offline's start-up (bundling the functions), part of `startupSeconds`. */
      offlineReadySeconds: readySeconds,
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
          invocations: ingestDeliveries().length,
          failedInvocations: ingestDeliveries().filter((delivery) => delivery.status === 'failed').length,
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
        await offline?.stop();
        await cloud.stop();
        rmSync(logDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await offline?.stop();
    await cloud.stop();
    throw error;
  }
}
