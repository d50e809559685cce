import { setTimeout as sleep } from 'node:timers/promises';
import {
  DeleteMessageBatchCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
} from '@aws-sdk/client-sqs';
import { type AwsClients, queueUrlOf } from './aws-clients';
import { type BatchResult, readBatchResult } from './batch-result';
import type { DeliveryLog } from './delivery-log';
import type { LambdaInvoker } from './lambda-invoker';
import { createRecordFilter, type RecordFilter } from './record-filter';

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
}

function toLambdaAttribute(value: MessageAttributeValue): Record<string, unknown> {
  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  return {
    ...(value.StringValue === undefined ? {} : { stringValue: value.StringValue }),
    ...(value.BinaryValue === undefined ? {} : { binaryValue: base64(value.BinaryValue) }),
    stringListValues: value.StringListValues ?? [],
    binaryListValues: (value.BinaryListValues ?? []).map(base64),
    dataType: value.DataType,
  };
}

/** A received message in the shape Lambda's SQS event source delivers. */
export function toSqsRecord(message: Message, queueArn: string, region: string): Record<string, unknown> {
  const attributes = Object.fromEntries(
    Object.entries(message.MessageAttributes ?? {}).map(([k, v]) => [k, toLambdaAttribute(v)])
  );
  return {
    messageId: message.MessageId,
    receiptHandle: message.ReceiptHandle,
    body: message.Body ?? '',
    attributes: message.Attributes ?? {},
    messageAttributes: attributes,
    ...(message.MD5OfMessageAttributes === undefined
      ? {}
      : { md5OfMessageAttributes: message.MD5OfMessageAttributes }),
    md5OfBody: message.MD5OfBody,
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

/**
 * Polls a queue like Lambda's SQS poller: receive a batch, invoke the function, delete what succeeded.
 * Failed messages stay in flight until their visibility timeout ends, and fauxqs moves them to the
 * queue's DLQ once received more than `maxReceiveCount` times — the same path as in AWS.
 *
 * @example
 * const source = new SqsEventSource(mapping, { clients, invoker, log, region });
 * source.start(); // ... await source.stop();
 */
export class SqsEventSource {
  private readonly controller = new AbortController();
  private loop: Promise<void> | undefined;
  private readonly filter: RecordFilter;

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

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    const signal = this.controller.signal;
    while (!signal.aborted) {
      try {
        await this.pollOnce(signal);
      } catch (error) {
        if (signal.aborted) return;
        this.context.log.add({ ...this.where(), payload: null, status: 'failed', error: String(error) });
        await sleep(1000, undefined, { signal }).catch(() => undefined);
      }
    }
  }

  private where() {
    return { source: 'sqs' as const, from: this.mapping.queueArn, target: this.mapping.functionName };
  }

  private async pollOnce(signal: AbortSignal): Promise<void> {
    const queueUrl = queueUrlOf(this.context.clients.fauxqsUrl, this.mapping.queueArn);
    const received = await this.context.clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: Math.min(this.mapping.batchSize ?? 10, 10),
        WaitTimeSeconds: 1,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: signal }
    );
    const messages = received.Messages ?? [];
    if (messages.length === 0) return;
    const all = messages.map((message) => toSqsRecord(message, this.mapping.queueArn, this.context.region));
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
