import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DeadLetter, DeadLetterSink } from '../core/dead-letter-sink';
import { chunk } from '../core/put-events-batches';
import { RetryableJobError } from '../errors';

const MAX_RETRIES = 3;

/** Dead letters to the dispatcher's SQS DLQ, 10 per call, with the reason as message attributes too. */
export class SqsDeadLetterSink implements DeadLetterSink {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string
  ) {}

  async send(letters: readonly DeadLetter[]): Promise<void> {
    for (const batch of chunk(letters, 10)) {
      let pending = batch.map((letter, index) => ({
        Id: String(index),
        MessageBody: JSON.stringify(letter),
        MessageAttributes: {
          reason: { DataType: 'String', StringValue: letter.reason.slice(0, 256) },
          errorCode: { DataType: 'String', StringValue: letter.errorCode ?? 'none' },
          jobId: { DataType: 'String', StringValue: letter.job?.jobId ?? letter.key.sk },
        },
      }));
      for (let retry = 0; pending.length > 0; retry += 1) {
        if (retry > MAX_RETRIES)
          throw new RetryableJobError(`${pending.length} dead letters could not be sent`);
        const response = await this.client.send(
          new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: pending })
        );
        const failed = new Set((response.Failed ?? []).map((failure) => failure.Id));
        pending = pending.filter((entry) => failed.has(entry.Id));
      }
    }
  }
}
