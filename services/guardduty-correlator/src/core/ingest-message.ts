import type { z } from 'zod';
import { findingsOfEvent, IngestEventSchema } from './ingest-event';
import { type IngestDeps, type IngestOutcome, ingestFindings } from './ingest-findings';

/** Why a queued event must be kept aside instead of retried. */
export type QuarantineReason = { code: string; reason: string };

export type MessageOutcome =
  | { kind: 'invalid'; error: z.ZodError }
  | { kind: 'ingested'; outcome: IngestOutcome; quarantine?: QuarantineReason | undefined };

/**
 * One queued EventBridge event: parsed against the schema of the event type it claims, then ingested.
 * An event that fails its schema, or whose findings could not all be keyed, is to be quarantined with the
 * reason (the findings that could be stored were stored: a redrive after a fix is harmless, writes are
 * conditional on `UpdatedAt`).
 */
export async function ingestMessage(body: unknown, deps: IngestDeps): Promise<MessageOutcome> {
  const parsed = IngestEventSchema.safeParse(body, { reportInput: true });
  if (!parsed.success) {
    return { kind: 'invalid', error: parsed.error };
  }
  const outcome = await ingestFindings(findingsOfEvent(parsed.data), deps);
  if (outcome.rejected.length === 0) return { kind: 'ingested', outcome };
  const reason = outcome.rejected.map((rejected) => rejected.reason).join('; ');
  const codes = [...new Set(outcome.rejected.map((rejected) => rejected.code))].join(',');
  return { kind: 'ingested', outcome, quarantine: { code: codes, reason } };
}
