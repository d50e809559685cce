import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ParkedMessage } from '../core/triggers/ingest-trigger-message';
import { RetryableCloudTrailParserError } from '../errors';

/** Parks what failed permanently so an operator can read the reason and redrive it after a fix. */
export interface DeadLetterParker {
  park(message: ParkedMessage): Promise<void>;
}

/** SQS message attribute values are limited; reasons are cut to this many characters. */
const MAX_REASON_LENGTH = 1000;

/**
 * Sends parked messages to the log-file DLQ with the failure in message attributes
 * (`vigil-error-code`, `vigil-error-reason`, `vigil-source-message-id`, `vigil-object`).
 */
export function createSqsDeadLetterParker(client: SQSClient, queueUrl: string): DeadLetterParker {
  return {
    async park(message) {
      const text = (value: string) => ({ DataType: 'String', StringValue: value });
      const attributes: Record<string, { DataType: string; StringValue: string }> = {
        'vigil-error-code': text(message.code),
        'vigil-error-reason': text(message.reason.slice(0, MAX_REASON_LENGTH) || 'unknown'),
        'vigil-source-message-id': text(message.sourceMessageId),
      };
      if (message.object !== undefined) {
        const { bucket, key, versionId } = message.object;
        attributes['vigil-object'] = text(
          `s3://${bucket}/${key}${versionId ? `?versionId=${versionId}` : ''}`
        );
      }
      try {
        await client.send(
          new SendMessageCommand({
            QueueUrl: queueUrl,
            MessageBody: message.body,
            MessageAttributes: attributes,
          })
        );
      } catch (error) {
        // Not parked → not acknowledged either: the source message is redelivered.
        throw new RetryableCloudTrailParserError('cannot park a failed message in the DLQ', {
          code: 'DLQ_SEND',
          cause: error,
        });
      }
    },
  };
}
