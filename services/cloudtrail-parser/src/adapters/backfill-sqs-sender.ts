import { GetQueueUrlCommand, SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { MessageSender } from '../core/backfill/run-backfill';

/** SendMessageBatch to one queue; refused entries come back (the core retries them). */
export function createSqsMessageSender(sqs: SQSClient, queueUrl: string): MessageSender {
  return {
    async sendBatch(entries) {
      const answer = await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: entries.map((entry) => ({
            Id: entry.id,
            MessageBody: entry.body,
            MessageAttributes: Object.fromEntries(
              Object.entries(entry.attributes).map(([name, value]) => [
                name,
                { DataType: 'String', StringValue: value },
              ])
            ),
          })),
        })
      );
      return {
        failed: (answer.Failed ?? []).map((entry) => ({
          id: entry.Id ?? '',
          reason: `${entry.Code ?? 'Error'}: ${entry.Message ?? 'no message'}`,
          isSenderFault: entry.SenderFault === true,
        })),
      };
    },
  };
}

/** The URL of a queue by name (GetQueueUrl), e.g. the parser's `vigil-<stage>-cloudtrail-log-files`. */
export async function resolveQueueUrl(sqs: SQSClient, queueName: string): Promise<string> {
  const answer = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
  if (answer.QueueUrl === undefined) throw new Error(`GetQueueUrl returned no URL for ${queueName}`);
  return answer.QueueUrl;
}
