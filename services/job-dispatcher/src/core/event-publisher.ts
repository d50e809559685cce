import type { PutEventsEntry } from '@vigil/event-schema';
import type { EntryResult } from './retry-policy';

/** PutEvents: one result per entry, in order. Throws `ThrottledError` when the whole call is throttled. */
export interface EventPublisher {
  putEvents(entries: readonly PutEventsEntry[]): Promise<EntryResult[]>;
}
