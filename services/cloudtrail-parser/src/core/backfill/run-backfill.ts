import type { BackfillCheckpoint, CheckpointStore, KeyOutcome } from './backfill-checkpoint';
import { type BackfillObject, buildBackfillMessage } from './backfill-message';
import type { BackfillScope } from './backfill-scope';
import { EnqueueFailedError } from './errors';
import { type BackfillLister, type BackfillPlan, isInScope } from './plan-backfill';
import { type Clock, createTokenBucket, type TokenBucket } from './token-bucket';

/** SendMessageBatch at most takes 10 entries. */
export const SQS_BATCH_SIZE = 10;

/** One SendMessageBatch entry. */
export interface SendEntry {
  id: string;
  body: string;
  attributes: Record<string, string>;
}

/** Sends one batch to the parser's queue; returns the entries SQS refused (SendMessageBatch's `Failed`). */
export interface MessageSender {
  sendBatch(
    entries: SendEntry[]
  ): Promise<{ failed: { id: string; reason: string; isSenderFault: boolean }[] }>;
}

export interface BackfillProgress {
  objects: number;
  bytes: number;
  retries: number;
  elapsedMs: number;
}

export interface RunBackfillDeps {
  lister: BackfillLister;
  sender: MessageSender;
  checkpoint: BackfillCheckpoint;
  store: CheckpointStore;
  clock: Clock;
  onProgress?: ((progress: BackfillProgress) => void) | undefined;
}

export interface RunBackfillOptions {
  /** Objects per second (average); undefined = as fast as SQS answers. */
  ratePerSecond?: number | undefined;
  /** Sends of one entry before giving up (the first included). */
  maxAttempts?: number | undefined;
  /** Region of the bucket, written in the notification records. */
  region: string;
  alertTopicArn?: string | undefined;
  /** Stops cleanly after the batch in flight (Ctrl-C): the checkpoint holds everything sent. */
  signal?: AbortSignal | undefined;
}

export interface BackfillResult extends BackfillProgress {
  isInterrupted: boolean;
}

const RETRY_BASE_MS = 200;

/**
 * Sends the planned objects to the parser's queue, day prefix by day prefix in key order, in batches of
 * ten at the given rate. Failed entries are retried with backoff (sender faults are not: they cannot
 * succeed); after each batch the checkpoint records what went and is saved, so a re-run never enqueues an
 * object twice. Throws `EnqueueFailedError` when entries still fail after `maxAttempts`.
 */
export async function runBackfill(
  scope: BackfillScope,
  plan: BackfillPlan,
  deps: RunBackfillDeps,
  options: RunBackfillOptions
): Promise<BackfillResult> {
  const { lister, checkpoint, clock } = deps;
  const startedAt = clock.now();
  const limiter =
    options.ratePerSecond === undefined
      ? undefined
      : createTokenBucket({
          ratePerSecond: options.ratePerSecond,
          capacity: Math.max(SQS_BATCH_SIZE, options.ratePerSecond),
          clock,
        });
  const progress: BackfillProgress = { objects: 0, bytes: 0, retries: 0, elapsedMs: 0 };
  const save = () => deps.store.save(checkpoint.snapshot(new Date(clock.now())));

  const flush = async (prefix: string, chunk: { key: string; object?: BackfillObject | undefined }[]) => {
    const toSend = chunk.flatMap((item) => (item.object === undefined ? [] : [item.object]));
    const sent = await sendWithRetries(toSend, scope.bucket, deps, options, limiter, progress);
    const outcomes: KeyOutcome[] = chunk.map((item) => ({
      key: item.key,
      isResolved: item.object === undefined || sent.has(item.key),
    }));
    const sentObjects = toSend.filter((object) => sent.has(object.key));
    const bytes = sentObjects.reduce((sum, object) => sum + object.size, 0);
    checkpoint.record(prefix, outcomes, { objects: sentObjects.length, bytes });
    await save();
    progress.objects += sentObjects.length;
    progress.bytes += bytes;
    progress.elapsedMs = clock.now() - startedAt;
    deps.onProgress?.({ ...progress });
    const failed = toSend.filter((object) => !sent.has(object.key));
    if (failed.length > 0) {
      throw new EnqueueFailedError(
        failed.map((object) => object.key),
        `still failing after ${options.maxAttempts ?? 5} attempts; run the same command again to resume`
      );
    }
  };

  for (const day of plan.days) {
    if (checkpoint.isComplete(day.prefix)) continue;
    let chunk: { key: string; object?: BackfillObject | undefined }[] = [];
    let pending = 0;
    for await (const page of lister.listObjects(
      scope.bucket,
      day.prefix,
      checkpoint.startAfter(day.prefix)
    )) {
      for (const object of page) {
        const isWanted = isInScope(scope, object.key) && !checkpoint.wasSent(day.prefix, object.key);
        chunk.push(isWanted ? { key: object.key, object } : { key: object.key });
        if (isWanted) pending++;
        if (pending < SQS_BATCH_SIZE) continue;
        await flush(day.prefix, chunk);
        chunk = [];
        pending = 0;
        if (options.signal?.aborted) return { ...progress, isInterrupted: true };
      }
    }
    if (chunk.length > 0) await flush(day.prefix, chunk);
    checkpoint.complete(day.prefix);
    await save();
    if (options.signal?.aborted) return { ...progress, isInterrupted: true };
  }
  progress.elapsedMs = clock.now() - startedAt;
  return { ...progress, isInterrupted: false };
}

/** Sends objects, retrying refused entries; returns the keys that went. */
async function sendWithRetries(
  objects: BackfillObject[],
  bucket: string,
  deps: RunBackfillDeps,
  options: RunBackfillOptions,
  limiter: TokenBucket | undefined,
  progress: BackfillProgress
): Promise<Set<string>> {
  const sent = new Set<string>();
  const now = new Date(deps.clock.now());
  let pending = objects.map((object, index) => ({
    id: `m${index}`,
    object,
    message: buildBackfillMessage(object, {
      bucket,
      region: options.region,
      now,
      alertTopicArn: options.alertTopicArn,
    }),
  }));
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attempt = 1; pending.length > 0 && attempt <= maxAttempts; attempt++) {
    if (attempt > 1) {
      progress.retries += pending.length;
      await deps.clock.sleep(RETRY_BASE_MS * 2 ** (attempt - 2));
    }
    await limiter?.take(pending.length);
    const { failed } = await deps.sender.sendBatch(
      pending.map((entry) => ({
        id: entry.id,
        body: entry.message.body,
        attributes: entry.message.attributes,
      }))
    );
    const failedIds = new Map(failed.map((entry) => [entry.id, entry]));
    for (const entry of pending) if (!failedIds.has(entry.id)) sent.add(entry.object.key);
    // A sender fault (a malformed entry) fails the same way every time: give up on it now.
    pending = pending.filter(
      (entry) => failedIds.has(entry.id) && failedIds.get(entry.id)?.isSenderFault !== true
    );
  }
  return sent;
}
