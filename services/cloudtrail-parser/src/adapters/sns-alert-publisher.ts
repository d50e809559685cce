import { PublishBatchCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { VigilAlert } from '@vigil/event-schema';
import type { AlertChannel, PublishResult } from '../core/publish/alert-channel';
import { buildAlertSnsMessage } from '../core/publish/alert-sns-message';
import { sendInBatches } from './send-in-batches';

/**
 * Publishes alerts to the stage's alert topic with `PublishBatch` (10 per call), re-sending only the
 * entries SNS reported as failed.
 */
export function createSnsAlertPublisher(client: SNSClient, topicArn: string): AlertChannel {
  return {
    name: 'sns',
    async publish(alerts: readonly VigilAlert[]): Promise<PublishResult> {
      const entries = alerts.map((alert) => ({
        id: alert.id,
        message: buildAlertSnsMessage(alert, topicArn),
      }));
      return sendInBatches(entries, async (batch) => {
        const response = await client.send(
          new PublishBatchCommand({
            TopicArn: topicArn,
            PublishBatchRequestEntries: batch.map((entry, index) => ({
              Id: `m${index}`,
              Subject: entry.message.Subject,
              Message: entry.message.Message,
              MessageAttributes: entry.message.MessageAttributes,
            })),
          })
        );
        return (response.Failed ?? []).map((failure) => ({
          index: Number((failure.Id ?? '').slice(1)),
          reason: `${failure.Code ?? 'Failed'}: ${failure.Message ?? ''}`.trim(),
        }));
      });
    },
  };
}
