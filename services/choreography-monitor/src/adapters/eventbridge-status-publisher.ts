import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { PutEventsEntry } from '@vigil/event-schema';
import type { StatusPublisher } from '../core/record-status';
import { RetryableError } from '../errors';

/** PutEvents of Vigil's status events; a failed entry throws (retryable) so the trigger redelivers. */
export class EventBridgeStatusPublisher implements StatusPublisher {
  constructor(private readonly client: EventBridgeClient) {}

  async publish(entry: PutEventsEntry): Promise<void> {
    const result = await this.client.send(new PutEventsCommand({ Entries: [entry] }));
    const failed = result.Entries?.find((item) => item.ErrorCode !== undefined);
    if ((result.FailedEntryCount ?? 0) > 0 || failed !== undefined) {
      throw new RetryableError(
        `PutEvents failed: ${failed?.ErrorCode ?? 'unknown'}: ${failed?.ErrorMessage ?? ''}`,
        { code: 'PUT_EVENTS' }
      );
    }
  }
}
