import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { type SqsEvent, SqsEventSchema } from '@vigil/event-schema';
import { lambda, logger, processSqsRecords } from '@vigil/lambda-kit';
import type { Context, SQSBatchResponse } from 'aws-lambda';
import { z } from 'zod';
import { type AwsClients, awsClients } from '../adapters/aws-clients';
import { createRuntime } from '../adapters/create-runtime';
import { powertoolsIngestMetrics } from '../adapters/powertools-ingest-metrics';
import { createS3LogObjectReader } from '../adapters/s3-log-object-reader';
import { createSqsDeadLetterParker } from '../adapters/sqs-dead-letter-parker';
import { type Config, config } from '../config';
import type { IngestMetrics } from '../core/triggers/ingest-metrics';
import { ingestTriggerMessage } from '../core/triggers/ingest-trigger-message';
import { type LogObjectRef, logObjectIdentity } from '../core/triggers/log-object-ref';
import { processLogObject } from '../core/triggers/process-log-object';

/**
 * The handler over its clients (tests pass mocked or local-cloud ones). Each log object is processed at
 * most once per `bucket/key/versionId|etag` (powertools idempotency on DynamoDB); a failure deletes the
 * idempotency record, so a redelivery processes the object again and the alert ledger drops the repeats.
 */
export function createIngestLogFiles(
  settings: Config,
  clients: AwsClients,
  metrics: IngestMetrics = powertoolsIngestMetrics
): (event: SqsEvent, context: Context) => Promise<SQSBatchResponse> {
  const runtime = createRuntime(settings, clients);
  const reader = createS3LogObjectReader(clients.s3);
  const parker = createSqsDeadLetterParker(clients.sqs, settings.LOG_FILE_DLQ_URL);
  const idempotency = new IdempotencyConfig({
    eventKeyJmesPath: 'idempotencyKey',
    expiresAfterSeconds: settings.IDEMPOTENCY_TTL_SECONDS,
  });
  const processOnce = makeIdempotent(
    (input: { idempotencyKey: string; ref: LogObjectRef }) =>
      processLogObject(input.ref, {
        ...runtime.sinkDeps,
        reader,
        engine: async () => (await runtime.rules.active()).engine,
        principalIndex: runtime.principalIndex,
        principalStore: runtime.principalStore,
        metrics,
        maxUncompressedBytes: settings.MAX_UNCOMPRESSED_BYTES,
        now: runtime.nowMs,
      }),
    {
      persistenceStore: new DynamoDBPersistenceLayer({
        tableName: settings.IDEMPOTENCY_TABLE_NAME,
        awsSdkV3Client: clients.dynamodb,
      }),
      config: idempotency,
    }
  );

  return (event, context) => {
    idempotency.registerLambdaContext(context);
    return processSqsRecords({
      event,
      context,
      schema: z.unknown(),
      handleRecord: (body, record) =>
        ingestTriggerMessage(
          body,
          { messageId: record.messageId, rawBody: record.body, attributes: record.messageAttributes },
          {
            processObject: (ref) => processOnce({ idempotencyKey: logObjectIdentity(ref), ref }),
            park: (message) => parker.park(message),
            metrics,
            onParked: (message) =>
              logger.error('parked in the DLQ', {
                code: message.code,
                reason: message.reason,
                object: message.object,
              }),
          }
        ),
    });
  };
}

export const ingestLogFiles = createIngestLogFiles(config, awsClients);

export const main = lambda({ schema: SqsEventSchema }).handler(ingestLogFiles);
