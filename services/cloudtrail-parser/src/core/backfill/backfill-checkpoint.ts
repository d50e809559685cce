import { formatValidationError } from '@vigil/event-schema';
import { z } from 'zod';
import { CheckpointMismatchError } from './errors';

/** Progress of one day prefix: done, or the last key up to which every object went, plus keys sent past it. */
const PrefixProgressSchema = z.object({
  complete: z.boolean().optional(),
  lastKey: z.string().optional(),
  sent: z.array(z.string()).optional(),
});

/** The checkpoint file: which backfill it belongs to, and how far each day prefix got. */
export const BackfillCheckpointDataSchema = z.object({
  version: z.literal(1),
  bucket: z.string(),
  queueUrl: z.string(),
  prefixes: z.record(z.string(), PrefixProgressSchema),
  enqueued: z.object({ objects: z.number().int().nonnegative(), bytes: z.number().nonnegative() }),
  updatedAt: z.string().optional(),
});
export type BackfillCheckpointData = z.infer<typeof BackfillCheckpointDataSchema>;

/** Where the checkpoint lives between runs (a file for the CLI, memory in tests). */
export interface CheckpointStore {
  load(): Promise<unknown>;
  save(data: BackfillCheckpointData): Promise<void>;
}

/** How one key of a listing ended in this pass: sent or skipped (resolved), or still not sent. */
export interface KeyOutcome {
  key: string;
  isResolved: boolean;
}

/**
 * The resumable state of a backfill. S3 lists keys in order, so per day prefix it keeps the last key
 * before which everything was sent or skipped (a re-run lists with `StartAfter` it) and the few keys sent
 * past it (a batch where some entries failed), which a re-run skips. A finished prefix is only a flag.
 */
export class BackfillCheckpoint {
  private readonly data: BackfillCheckpointData;

  private constructor(data: BackfillCheckpointData) {
    this.data = data;
  }

  /**
   * A new checkpoint, or the stored one when it belongs to the same bucket and queue (a dry run passes no
   * queue: only the bucket is checked).
   */
  static open(stored: unknown, owner: { bucket: string; queueUrl?: string | undefined }): BackfillCheckpoint {
    if (stored === undefined) {
      return new BackfillCheckpoint({
        version: 1,
        bucket: owner.bucket,
        queueUrl: owner.queueUrl ?? '',
        prefixes: {},
        enqueued: { objects: 0, bytes: 0 },
      });
    }
    const parsed = BackfillCheckpointDataSchema.safeParse(stored);
    if (!parsed.success) {
      throw new CheckpointMismatchError(`not a backfill checkpoint (${formatValidationError(parsed.error)})`);
    }
    const { bucket, queueUrl } = parsed.data;
    if (bucket !== owner.bucket || (owner.queueUrl !== undefined && queueUrl !== owner.queueUrl)) {
      throw new CheckpointMismatchError(
        `it belongs to the backfill of s3://${bucket} into ${queueUrl}, not s3://${owner.bucket} into ${owner.queueUrl ?? queueUrl}: use another --checkpoint file`
      );
    }
    return new BackfillCheckpoint(parsed.data);
  }

  isComplete(prefix: string): boolean {
    return this.data.prefixes[prefix]?.complete === true;
  }

  /** Where a listing of `prefix` resumes (`StartAfter`), undefined to start at the beginning. */
  startAfter(prefix: string): string | undefined {
    return this.data.prefixes[prefix]?.lastKey;
  }

  /** Whether `key` was already sent in an earlier run (past the prefix's last key). */
  wasSent(prefix: string, key: string): boolean {
    return this.data.prefixes[prefix]?.sent?.includes(key) === true;
  }

  /**
   * Records one pass over keys of `prefix`, given in listing order: the last key advances over the leading
   * resolved keys; resolved keys after the first unresolved one are remembered as sent.
   */
  record(
    prefix: string,
    outcomes: readonly KeyOutcome[],
    enqueued: { objects: number; bytes: number }
  ): void {
    const progress = { ...this.data.prefixes[prefix] };
    const sent = new Set(progress.sent ?? []);
    let isContiguous = true;
    for (const outcome of outcomes) {
      if (!outcome.isResolved) {
        isContiguous = false;
      } else if (isContiguous) {
        progress.lastKey = outcome.key;
        sent.delete(outcome.key);
      } else {
        sent.add(outcome.key);
      }
    }
    if (sent.size > 0) progress.sent = [...sent].sort();
    else delete progress.sent;
    this.data.prefixes[prefix] = progress;
    this.data.enqueued.objects += enqueued.objects;
    this.data.enqueued.bytes += enqueued.bytes;
  }

  /** Marks a prefix finished: nothing of it is listed again. */
  complete(prefix: string): void {
    this.data.prefixes[prefix] = { complete: true };
  }

  /** Totals enqueued over every run of this checkpoint. */
  get enqueued(): { objects: number; bytes: number } {
    return { ...this.data.enqueued };
  }

  /** A copy of the data, stamped with `now`, for the store. */
  snapshot(now: Date): BackfillCheckpointData {
    return structuredClone({ ...this.data, updatedAt: now.toISOString() });
  }
}
