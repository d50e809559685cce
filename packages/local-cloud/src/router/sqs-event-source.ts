import { setTimeout as sleep } from 'node:timers/promises';
import { DeleteMessageBatchCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { type AwsClients, queueUrlOf } from './aws-clients';
import { type BatchResult, readBatchResult } from './batch-result';
import type { DeliveryLog } from './delivery-log';
import type { LambdaInvoker } from './lambda-invoker';
import { createRecordFilter, type RecordFilter } from './record-filter';
import { toSqsRecord } from './sqs-record';

/** An SQS queue → function event source mapping (serverless `sqs` event). */
export interface SqsEventSourceMapping {
  queueArn: string;
  functionName: string;
  /** Records per invocation (1-10 here; AWS allows more with a batching window). */
  batchSize?: number | undefined;
  /** `functionResponseType: ReportBatchItemFailures`. */
  reportBatchItemFailures?: boolean | undefined;
  /** Lambda event filtering patterns (`filterPatterns`), matched against each record with a JSON body parsed. */
  filterPatterns?: unknown[] | undefined;
  /**
   * Concurrent pollers, hence concurrent invocations (serverless `maximumConcurrency`, 2-1000 on AWS).
   * Default {@link DEFAULT_SQS_POLLERS}: Lambda starts that many pollers per mapping.
   */
  maximumConcurrency?: number | undefined;
}

/** Pollers per mapping when `maximumConcurrency` is not set: Lambda starts five. */
export const DEFAULT_SQS_POLLERS = 5;

// Long polling: a receive returns as soon as a message is sent (fauxqs wakes waiting receives), and an
// idle mapping costs one request per second. Short, so no request outlives stop() by much.
const RECEIVE_WAIT_SECONDS = 1;
// After a failed receive or delete (fauxqs restarting), so a broken endpoint is not hammered.
const ERROR_BACKOFF_MS = 250;

/**
 * Polls a queue like Lambda's SQS event source: `maximumConcurrency` pollers (5 by default), each
 * receiving a batch, invoking the function with it and deleting what succeeded. Failed messages stay in
 * flight until their visibility timeout ends, and fauxqs moves them to the queue's DLQ once received more
 * than `maxReceiveCount` times — the same path as in AWS.
 *
 * Pollers take turns to receive (one receive in flight per mapping): fauxqs wakes every waiting receive
 * when a message arrives, so concurrent receives would mostly come back empty and cost a request each.
 * Invocations and deletes run concurrently, one per poller.
 *
 * @example
 * const source = new SqsEventSource(mapping, { clients, invoker, log, region });
 * source.start(); // ... await source.stop();
 */
export class SqsEventSource {
  private readonly controller = new AbortController();
  private pollers: Promise<void>[] | undefined;
  private readonly filter: RecordFilter;
  private receiveTurn: Promise<void> = Promise.resolve();

  constructor(
    readonly mapping: SqsEventSourceMapping,
    private readonly context: {
      clients: AwsClients;
      invoker: LambdaInvoker;
      log: DeliveryLog;
      region: string;
    }
  ) {
    this.filter = createRecordFilter(mapping.filterPatterns);
  }

  /** How many pollers run (hence the most concurrent invocations). */
  get concurrency(): number {
    const wanted = this.mapping.maximumConcurrency ?? DEFAULT_SQS_POLLERS;
    return Number.isInteger(wanted) && wanted >= 1 ? wanted : DEFAULT_SQS_POLLERS;
  }

  start(): void {
    this.pollers ??= Array.from({ length: this.concurrency }, () => this.runPoller());
  }

  /** Stops receiving; resolves once every poller finished its batch (invoke and delete). */
  async stop(): Promise<void> {
    this.controller.abort();
    await Promise.all(this.pollers ?? []);
  }

  private async runPoller(): Promise<void> {
    const signal = this.controller.signal;
    const queueUrl = queueUrlOf(this.context.clients.fauxqsUrl, this.mapping.queueArn);
    while (!signal.aborted) {
      try {
        const records = await this.receiveInTurn(queueUrl, signal);
        if (records.length > 0) await this.process(queueUrl, records);
      } catch (error) {
        if (signal.aborted) return;
        this.context.log.add({ ...this.where(), payload: null, status: 'failed', error: String(error) });
        await sleep(ERROR_BACKOFF_MS, undefined, { signal }).catch(() => undefined);
      }
    }
  }

  private where() {
    return { source: 'sqs' as const, from: this.mapping.queueArn, target: this.mapping.functionName };
  }

  /** Waits for this poller's turn, receives one batch, then hands the turn on. */
  private async receiveInTurn(queueUrl: string, signal: AbortSignal): Promise<Record<string, unknown>[]> {
    const previous = this.receiveTurn;
    let release: () => void = () => undefined;
    this.receiveTurn = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      await previous;
      if (signal.aborted) return [];
      const received = await this.context.clients.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: Math.min(this.mapping.batchSize ?? 10, 10),
          WaitTimeSeconds: RECEIVE_WAIT_SECONDS,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
        { abortSignal: signal }
      );
      const { queueArn } = this.mapping;
      return (received.Messages ?? []).map((message) => toSqsRecord(message, queueArn, this.context.region));
    } finally {
      release();
    }
  }

  private async process(queueUrl: string, all: Record<string, unknown>[]): Promise<void> {
    // Lambda deletes messages its filters drop: they are never delivered.
    const records = all.filter((record) => this.filter(record));
    let succeeded = all.filter((record) => !records.includes(record));
    if (records.length > 0) succeeded = succeeded.concat(await this.invoke(records));
    await this.delete(queueUrl, succeeded);
  }

  /** Invokes the function; returns the records to delete. */
  private async invoke(records: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
    const payload = { Records: records };
    let result: BatchResult;
    try {
      const returned = await this.context.invoker.invoke(this.mapping.functionName, payload);
      result = readBatchResult(
        returned,
        records.map((r) => String(r.messageId)),
        this.mapping.reportBatchItemFailures
      );
      this.context.log.add({
        ...this.where(),
        payload,
        status: result.failedIds.size === 0 ? 'delivered' : 'failed',
        result: returned,
      });
    } catch (error) {
      this.context.log.add({ ...this.where(), payload, status: 'failed', error: String(error) });
      return [];
    }
    return records.filter((record) => !result.failedIds.has(String(record.messageId)));
  }

  private async delete(queueUrl: string, records: Record<string, unknown>[]): Promise<void> {
    for (let start = 0; start < records.length; start += 10) {
      const entries = records.slice(start, start + 10).map((record, index) => ({
        Id: String(index),
        ReceiptHandle: String(record.receiptHandle),
      }));
      await this.context.clients.sqs.send(
        new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries })
      );
    }
  }
}
