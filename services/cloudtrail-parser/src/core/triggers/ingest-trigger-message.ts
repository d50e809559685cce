import { PermanentError } from '@vigil/lambda-kit';
import { CloudTrailParserError } from '../../errors';
import { BACKFILL_ORIGIN } from '../backfill/backfill-message';
import type { TriggerMessageAttributes } from './backfill-marker';
import { extractLogObjects } from './extract-log-objects';
import type { IngestMetrics } from './ingest-metrics';
import type { LogObjectRef } from './log-object-ref';

/** A message parked in the DLQ: what to redrive, and why it failed. */
export interface ParkedMessage {
  /** The body to keep: for a log object, a CloudTrail notice naming it (redriving it re-reads that object). */
  body: string;
  code: string;
  reason: string;
  sourceMessageId: string;
  object?: { bucket: string; key: string; versionId?: string | undefined } | undefined;
}

export interface IngestTriggerMessageDeps {
  /** Processes one object at most once (powertools idempotency around `processLogObject`). */
  processObject(ref: LogObjectRef): Promise<unknown>;
  park(message: ParkedMessage): Promise<void>;
  metrics: IngestMetrics;
  onParked?(message: ParkedMessage): void;
}

/** What happened to one trigger message. */
export interface IngestMessageResult {
  processed: number;
  digests: number;
  parked: number;
}

/**
 * Handles one SQS message of the log-file queue. Each announced object is processed on its own:
 * - success → nothing more;
 * - a permanent failure (unreadable object, over-size, not CloudTrail, invalid records) → the object is
 *   parked in the DLQ as a one-object CloudTrail notice with the code and reason in message attributes,
 *   and the other objects of the message still run;
 * - a retryable failure (throttling, a 5xx, undelivered alerts) → thrown: the whole message is redelivered
 *   (objects already done are skipped by idempotency) and lands in the DLQ after maxReceiveCount.
 * A message that is no known trigger is parked whole, as received.
 */
export async function ingestTriggerMessage(
  body: unknown,
  message: { messageId: string; rawBody: string; attributes?: TriggerMessageAttributes | undefined },
  deps: IngestTriggerMessageDeps
): Promise<IngestMessageResult> {
  const result: IngestMessageResult = { processed: 0, digests: 0, parked: 0 };
  let objects: LogObjectRef[];
  try {
    const extracted = extractLogObjects(body, message.attributes);
    objects = extracted.objects;
    result.digests = extracted.digests.length;
  } catch (error) {
    if (!isPermanent(error)) throw error;
    await park(deps, { body: message.rawBody, ...failureOf(error), sourceMessageId: message.messageId });
    result.parked++;
    return result;
  }
  if (result.digests > 0) deps.metrics.count('DigestSkipped', result.digests);

  for (const ref of objects) {
    try {
      await deps.processObject(ref);
      result.processed++;
    } catch (error) {
      if (!isPermanent(error)) throw error;
      await park(deps, {
        body: parkedNoticeBody(ref),
        ...failureOf(error),
        sourceMessageId: message.messageId,
        object: { bucket: ref.bucket, key: ref.key, versionId: ref.versionId },
      });
      result.parked++;
    }
  }
  return result;
}

/** A one-object CloudTrail notice; a backfilled object keeps its marker, so a redrive is still a backfill. */
function parkedNoticeBody(ref: LogObjectRef): string {
  const notice: Record<string, unknown> = { s3Bucket: ref.bucket, s3ObjectKey: [ref.key] };
  if (ref.isBackfill) notice.vigilOrigin = BACKFILL_ORIGIN;
  return JSON.stringify(notice);
}

async function park(deps: IngestTriggerMessageDeps, message: ParkedMessage): Promise<void> {
  await deps.park(message);
  deps.metrics.count('ParkedMessages', 1);
  deps.onParked?.(message);
}

/**
 * Permanent: the service's own permanent errors and lambda-kit's `PermanentError`s. Anything unknown is
 * treated as retryable, so it still ends in the DLQ (after maxReceiveCount) rather than being dropped.
 */
export function isPermanent(error: unknown): boolean {
  if (error instanceof CloudTrailParserError) return !error.isRetryable;
  return error instanceof PermanentError;
}

function failureOf(error: unknown): { code: string; reason: string } {
  const code =
    error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : 'UNKNOWN';
  return { code, reason: error instanceof Error ? error.message : String(error) };
}
