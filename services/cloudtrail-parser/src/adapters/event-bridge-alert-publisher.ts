import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { VigilAlert } from '@vigil/event-schema';
import type { AlertChannel, PublishResult } from '../core/publish/alert-channel';
import { buildAlertEventEntry } from '../core/publish/alert-event-entry';
import { sendInBatches } from './send-in-batches';

/**
 * Puts alerts on the stage's bus as `Vigil Alert` events, 10 per `PutEvents` call, re-sending only the
 * entries EventBridge reported as failed (`Entries[i].ErrorCode`, same order as the request).
 */
export function createEventBridgeAlertPublisher(
  client: EventBridgeClient,
  eventBusName: string
): AlertChannel {
  return {
    name: 'bus',
    async publish(alerts: readonly VigilAlert[]): Promise<PublishResult> {
      const entries = alerts.map((alert) => ({
        id: alert.id,
        entry: buildAlertEventEntry(alert, eventBusName),
      }));
      return sendInBatches(entries, async (batch) => {
        const response = await client.send(
          new PutEventsCommand({ Entries: batch.map((item) => item.entry) })
        );
        if (!response.FailedEntryCount) return [];
        return (response.Entries ?? []).flatMap((result, index) =>
          result.ErrorCode
            ? [{ index, reason: `${result.ErrorCode}: ${result.ErrorMessage ?? ''}`.trim() }]
            : []
        );
      });
    },
  };
}
