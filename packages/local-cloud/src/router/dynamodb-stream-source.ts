import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { z } from 'zod';
import { awsJsonRequest } from '../net/aws-json-request';
import { type AwsClients, queueUrlOf } from './aws-clients';
import { readBatchResult } from './batch-result';
import type { DeliveryLog } from './delivery-log';
import type { LambdaInvoker } from './lambda-invoker';
import { createRecordFilter, type RecordFilter } from './record-filter';

/** A DynamoDB stream → function event source mapping (serverless `stream` event, type dynamodb). */
export interface StreamEventSourceMapping {
  streamArn: string;
  functionName: string;
  batchSize?: number | undefined;
  startingPosition?: 'LATEST' | 'TRIM_HORIZON' | undefined;
  /** -1 (AWS default) retries until the records expire; here: until stop. */
  maximumRetryAttempts?: number | undefined;
  reportBatchItemFailures?: boolean | undefined;
  filterPatterns?: unknown[] | undefined;
  /** `destinations.onFailure` (an SQS queue ARN): where a batch goes once retries are exhausted. */
  onFailureArn?: string | undefined;
}

const ShardsSchema = z.object({
  StreamDescription: z.object({ Shards: z.array(z.object({ ShardId: z.string() })).default([]) }),
});
const IteratorSchema = z.object({ ShardIterator: z.string().nullish() });
const RecordsSchema = z.object({
  Records: z.array(z.looseObject({ dynamodb: z.looseObject({ SequenceNumber: z.string() }) })).default([]),
  NextShardIterator: z.string().nullish(),
});
type StreamRecord = z.infer<typeof RecordsSchema>['Records'][number];

const POLL_MS = 250;

/**
 * Reads a DynamoDB Local stream shard by shard (4 polls a second, as Lambda does) and invokes the
 * function with `{ Records }` in Lambda's shape. A failing batch is retried in order, from the first
 * failed record when the function reports batch item failures, and blocks its shard meanwhile.
 *
 * @example
 * new DynamoDbStreamSource(mapping, { clients, invoker, log, region, accountId }).start();
 */
export class DynamoDbStreamSource {
  private readonly controller = new AbortController();
  private loop: Promise<void> | undefined;
  private readonly iterators = new Map<string, string | undefined>();
  /** The last record read per shard, to take a new iterator after it. */
  private readonly lastSequence = new Map<string, string>();
  private readonly filter: RecordFilter;

  constructor(
    readonly mapping: StreamEventSourceMapping,
    private readonly context: {
      clients: AwsClients;
      invoker: LambdaInvoker;
      log: DeliveryLog;
      region: string;
      accountId: string;
    }
  ) {
    this.filter = createRecordFilter(mapping.filterPatterns);
  }

  /** Resolves once the shards' iterators are taken, so writes after it are seen even from LATEST. */
  async start(): Promise<void> {
    if (this.loop !== undefined) return;
    await this.discoverShards(true);
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.loop;
  }

  private call(target: string, body: unknown): Promise<unknown> {
    return awsJsonRequest(this.context.clients.dynamodbUrl, `DynamoDBStreams_20120810.${target}`, body, {
      region: this.context.region,
      service: 'dynamodb',
      signal: this.controller.signal,
    });
  }

  private async discoverShards(isFirst: boolean): Promise<void> {
    const described = ShardsSchema.parse(
      await this.call('DescribeStream', { StreamArn: this.mapping.streamArn })
    );
    for (const { ShardId } of described.StreamDescription.Shards) {
      if (this.iterators.has(ShardId)) continue;
      // Shards born after we started are read from their start, or their first records would be lost.
      const type = isFirst ? (this.mapping.startingPosition ?? 'LATEST') : 'TRIM_HORIZON';
      const body = { StreamArn: this.mapping.streamArn, ShardId, ShardIteratorType: type };
      const iterator =
        IteratorSchema.parse(await this.call('GetShardIterator', body)).ShardIterator ?? undefined;
      this.iterators.set(ShardId, iterator);
    }
  }

  private async run(): Promise<void> {
    const signal = this.controller.signal;
    while (!signal.aborted) {
      try {
        await this.discoverShards(false);
        for (const [shardId, iterator] of this.iterators) {
          if (iterator !== undefined) await this.readShard(shardId, iterator);
        }
      } catch (error) {
        if (signal.aborted) return;
        this.context.log.add({ ...this.where(), payload: null, status: 'failed', error: String(error) });
      }
      await sleep(POLL_MS, undefined, { signal }).catch(() => undefined);
    }
  }

  private where() {
    return {
      source: 'dynamodb-stream' as const,
      from: this.mapping.streamArn,
      target: this.mapping.functionName,
    };
  }

  private async readShard(shardId: string, iterator: string): Promise<void> {
    const limit = Math.min(this.mapping.batchSize ?? 100, 1000);
    let answer: unknown;
    try {
      answer = await this.call('GetRecords', { ShardIterator: iterator, Limit: limit });
    } catch (error) {
      // DynamoDB Local numbers stream records across tables: an iterator taken on an empty shard goes
      // stale for good (TrimmedDataAccessException) once another table's stream gets a record first.
      // Lambda's poller takes a new iterator then: after the last record read, else from the shard's
      // start (the shard was empty when the stale iterator was taken, so nothing old is read again).
      if (!/TrimmedDataAccessException|ExpiredIteratorException/.test(String(error))) throw error;
      await this.renewIterator(shardId);
      return;
    }
    const page = RecordsSchema.parse(answer);
    const records = page.Records.map((record) => ({
      ...record,
      awsRegion: this.context.region,
      eventSourceARN: this.mapping.streamArn,
    })).filter((record) => this.filter(record));
    if (records.length > 0) await this.deliverWithRetries(shardId, records);
    const last = page.Records.at(-1)?.dynamodb.SequenceNumber;
    if (last !== undefined) this.lastSequence.set(shardId, last);
    this.iterators.set(shardId, page.NextShardIterator ?? undefined);
  }

  private async renewIterator(shardId: string): Promise<void> {
    const after = this.lastSequence.get(shardId);
    const position =
      after === undefined
        ? { ShardIteratorType: 'TRIM_HORIZON' }
        : { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after };
    const body = { StreamArn: this.mapping.streamArn, ShardId: shardId, ...position };
    const iterator = IteratorSchema.parse(await this.call('GetShardIterator', body)).ShardIterator;
    this.iterators.set(shardId, iterator ?? undefined);
  }

  private async deliverWithRetries(shardId: string, records: StreamRecord[]): Promise<void> {
    const maxRetries = this.mapping.maximumRetryAttempts ?? -1;
    let pending = records;
    for (let attempt = 0; !this.controller.signal.aborted; attempt += 1) {
      const failedFrom = await this.invoke(pending);
      if (failedFrom === undefined) return;
      pending = pending.slice(failedFrom);
      if (maxRetries >= 0 && attempt >= maxRetries) {
        await this.sendToOnFailure(shardId, pending, attempt + 1);
        return;
      }
      await sleep(500, undefined, { signal: this.controller.signal }).catch(() => undefined);
    }
  }

  /** Index of the first failed record, or undefined when the batch succeeded. */
  private async invoke(records: StreamRecord[]): Promise<number | undefined> {
    const payload = { Records: records };
    const sequenceNumbers = records.map((record) => record.dynamodb.SequenceNumber);
    try {
      const returned = await this.context.invoker.invoke(this.mapping.functionName, payload);
      const { failedIds } = readBatchResult(returned, sequenceNumbers, this.mapping.reportBatchItemFailures);
      const status = failedIds.size === 0 ? 'delivered' : 'failed';
      this.context.log.add({ ...this.where(), payload, status, result: returned });
      if (failedIds.size === 0) return undefined;
      return sequenceNumbers.findIndex((sequence) => failedIds.has(sequence));
    } catch (error) {
      this.context.log.add({ ...this.where(), payload, status: 'failed', error: String(error) });
      return 0;
    }
  }

  private async sendToOnFailure(
    shardId: string,
    records: StreamRecord[],
    invokeCount: number
  ): Promise<void> {
    const arn = this.mapping.onFailureArn;
    if (arn === undefined || !arn.startsWith('arn:aws:sqs:')) return;
    const arrival = (record: StreamRecord | undefined) =>
      new Date(Number(record?.dynamodb.ApproximateCreationDateTime ?? 0) * 1000).toISOString();
    const body = {
      requestContext: {
        requestId: randomUUID(),
        functionArn: `arn:aws:lambda:${this.context.region}:${this.context.accountId}:function:${this.mapping.functionName}`,
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: invokeCount,
      },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      timestamp: new Date().toISOString(),
      DDBStreamBatchInfo: {
        shardId,
        startSequenceNumber: records[0]?.dynamodb.SequenceNumber,
        endSequenceNumber: records.at(-1)?.dynamodb.SequenceNumber,
        approximateArrivalOfFirstRecord: arrival(records[0]),
        approximateArrivalOfLastRecord: arrival(records.at(-1)),
        batchSize: records.length,
        streamArn: this.mapping.streamArn,
      },
    };
    const queueUrl = queueUrlOf(this.context.clients.fauxqsUrl, arn);
    await this.context.clients.sqs.send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(body) })
    );
  }
}
