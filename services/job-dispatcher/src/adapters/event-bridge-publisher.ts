import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { PutEventsEntry } from '@vigil/event-schema';
import type { EventPublisher } from '../core/event-publisher';
import type { EntryResult } from '../core/retry-policy';
import { rethrowThrottling } from './throttling';

/** PutEvents with per-entry results (`FailedEntryCount` > 0 leaves `ErrorCode` on the failed entries). */
export class EventBridgePublisher implements EventPublisher {
  constructor(private readonly client: EventBridgeClient) {}

  async putEvents(entries: readonly PutEventsEntry[]): Promise<EntryResult[]> {
    const response = await this.client
      .send(new PutEventsCommand({ Entries: [...entries] }))
      .catch((error: unknown) => rethrowThrottling('events', error));
    return entries.map((_, index): EntryResult => {
      const result = response.Entries?.[index];
      if (result?.EventId !== undefined && result.ErrorCode === undefined)
        return { ok: true, eventId: result.EventId };
      return {
        ok: false,
        errorCode: result?.ErrorCode ?? 'InternalFailure',
        errorMessage: result?.ErrorMessage ?? 'no result for this entry',
      };
    });
  }
}
