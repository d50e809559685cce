import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { CorrelatorUnavailableError } from '../errors';

/** A message that failed for good, and why. */
export type QuarantinedMessage = {
  body: string;
  code: string;
  reason: string;
  source: string;
  sourceMessageId?: string | undefined;
};

/** Keeps what failed permanently, with the reason, so an operator can read it and redrive after a fix. */
export interface Quarantine {
  keep(message: QuarantinedMessage): Promise<void>;
}

/** SQS message attribute values are limited; reasons are cut to this many characters. */
const MAX_REASON_LENGTH = 1000;

/**
 * Sends the message to the function's DLQ with the failure in message attributes (`vigil-error-code`,
 * `vigil-error-reason`, `vigil-source`, `vigil-source-message-id`). If that send fails the source message
 * must not be acknowledged: the error is retryable.
 */
export function createSqsQuarantine(client: SQSClient, queueUrl: string): Quarantine {
  return {
    async keep(message) {
      const text = (value: string) => ({ DataType: 'String', StringValue: value || '-' });
      try {
        await client.send(
          new SendMessageCommand({
            QueueUrl: queueUrl,
            MessageBody: message.body,
            MessageAttributes: {
              'vigil-error-code': text(message.code),
              'vigil-error-reason': text(message.reason.slice(0, MAX_REASON_LENGTH)),
              'vigil-source': text(message.source),
              ...(message.sourceMessageId
                ? { 'vigil-source-message-id': text(message.sourceMessageId) }
                : {}),
            },
          })
        );
      } catch (error) {
        throw new CorrelatorUnavailableError('cannot keep a failed message in the DLQ', {
          code: 'DLQ_SEND',
          cause: error,
        });
      }
    },
  };
}
