import type { PublishResult } from '../core/publish/alert-channel';

/** Entries per `PublishBatch` / `PutEvents` call (both APIs' maximum). */
export const BATCH_SIZE = 10;
/** Calls per batch before the still-failing entries are reported as failed. */
export const MAX_BATCH_ATTEMPTS = 4;

/** Splits `items` into chunks of `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** Exponential backoff with full jitter: 0…(50 ms × 2^attempt). */
export function backoff(attempt: number, random: () => number = Math.random): Promise<void> {
  const ms = Math.floor(random() * 50 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Sends `entries` in batches, re-sending only the entries a call reported as failed, up to
 * `MAX_BATCH_ATTEMPTS` calls per batch. `send` returns the indexes (within the batch it got) that failed,
 * with their reason; a thrown error fails the whole batch for that attempt.
 */
export async function sendInBatches<T extends { id: string }>(
  entries: readonly T[],
  send: (batch: T[]) => Promise<{ index: number; reason: string }[]>,
  pause: (attempt: number) => Promise<void> = backoff
): Promise<PublishResult> {
  const result: PublishResult = { delivered: [], failed: [] };
  for (const batch of chunk(entries, BATCH_SIZE)) {
    let pending = batch;
    let reasons = new Map<string, string>();
    for (let attempt = 0; attempt < MAX_BATCH_ATTEMPTS && pending.length > 0; attempt++) {
      if (attempt > 0) await pause(attempt);
      let failures: { index: number; reason: string }[];
      try {
        failures = await send(pending);
      } catch (error) {
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        failures = pending.map((_, index) => ({ index, reason }));
      }
      const failedIndexes = new Set(failures.map((failure) => failure.index));
      reasons = new Map();
      for (const failure of failures) {
        const entry = pending[failure.index];
        if (entry !== undefined) reasons.set(entry.id, failure.reason);
      }
      for (const [index, entry] of pending.entries())
        if (!failedIndexes.has(index)) result.delivered.push(entry.id);
      pending = pending.filter((_, index) => failedIndexes.has(index));
    }
    for (const entry of pending)
      result.failed.push({ id: entry.id, reason: reasons.get(entry.id) ?? 'unknown' });
  }
  return result;
}
