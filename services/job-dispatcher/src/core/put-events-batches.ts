import type { PutEventsEntry } from '@vigil/event-schema';

/** PutEvents takes at most 10 entries per call. */
export const MAX_ENTRIES_PER_PUT = 10;
/** …and at most 256 KB per call (and so per entry). */
export const MAX_PUT_BYTES = 256 * 1024;

/**
 * The size EventBridge charges an entry against the 256 KB limit: 14 bytes for `Time` when present plus
 * the UTF-8 bytes of `Source`, `DetailType`, `Detail` and each resource (AWS "Calculating PutEvents event
 * entry size").
 */
export function entrySize(entry: PutEventsEntry): number {
  let size = entry.Time === undefined ? 0 : 14;
  size +=
    Buffer.byteLength(entry.Source) + Buffer.byteLength(entry.DetailType) + Buffer.byteLength(entry.Detail);
  for (const resource of entry.Resources ?? []) size += Buffer.byteLength(resource);
  return size;
}

/** One PutEvents call's worth of items, in input order. */
export type PutBatch<T> = T[];

/**
 * Groups items (in order) into PutEvents calls of at most `maxEntries` entries and `maxBytes` bytes.
 * An item whose entry alone exceeds `maxBytes` can never be sent: it is returned in `oversized`.
 */
export function batchPutEntries<T>(
  items: readonly T[],
  entryOf: (item: T) => PutEventsEntry,
  limits: { maxEntries?: number; maxBytes?: number } = {}
): { batches: PutBatch<T>[]; oversized: T[] } {
  const maxEntries = limits.maxEntries ?? MAX_ENTRIES_PER_PUT;
  const maxBytes = limits.maxBytes ?? MAX_PUT_BYTES;
  const batches: PutBatch<T>[] = [];
  const oversized: T[] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = entrySize(entryOf(item));
    if (size > maxBytes) {
      oversized.push(item);
      continue;
    }
    if (current.length === maxEntries || bytes + size > maxBytes) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return { batches, oversized };
}

/** Splits `items` into chunks of at most `size` (BatchWriteItem: 25, SendMessageBatch: 10). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
}
