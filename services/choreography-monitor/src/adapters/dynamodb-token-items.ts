import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { TOKEN_SORT_KEY } from '../core/asl-names';
import { CallbackEventSchema } from '../core/callback-event';
import type { ClaimOutcome } from '../core/token-store';

// The tokens table's item shapes (parsed on read: the table is written by Step Functions too) and how
// its transactions end.

export const INBOX_PREFIX = `${TOKEN_SORT_KEY}#INBOX#`;
export const seenKey = (eventId: string) => `SEEN#${eventId}`;

const JsonEventSchema = z.string().transform((text, ctx) => {
  const parsed = CallbackEventSchema.safeParse(JSON.parse(text));
  if (parsed.success) return parsed.data;
  ctx.addIssue({ code: 'custom', message: 'stored event does not match the callback event schema' });
  return z.NEVER;
});

export const TokenItemSchema = z.object({
  pk: z.string(),
  token: z.string(),
  state: z.string(),
  choreography: z.string(),
  correlationId: z.string(),
  executionArn: z.string(),
  enteredAt: z.string(),
  ttl: z.coerce.number(),
  claimedBy: z.string().optional(),
  claimedAt: z.string().optional(),
  claimedVia: z.enum(['event', 'inbox']).optional(),
  claimedEvent: JsonEventSchema.optional(),
  deliveredAt: z.string().optional(),
});
export const InboxItemSchema = z.object({ sk: z.string(), event: JsonEventSchema, receivedAt: z.string() });
export const SeenItemSchema = z.object({
  eventId: z.string(),
  status: z.enum(['inboxed', 'claimed', 'delivered', 'rejected']),
  token: z.string().optional(),
  state: z.string().optional(),
  reason: z.string().optional(),
});

/** How a transaction ended: done, cancelled by conditions (their indexes), or by a concurrent transaction. */
export type TransactResult = { kind: 'done' } | { kind: 'failed'; indexes: number[] } | { kind: 'conflict' };

export function cancellation(error: unknown): TransactResult {
  if (!(error instanceof TransactionCanceledException)) throw error;
  const reasons = error.CancellationReasons ?? [];
  const indexes = reasons.flatMap((reason, index) =>
    reason.Code === 'ConditionalCheckFailed' ? [index] : []
  );
  if (indexes.length > 0) return { kind: 'failed', indexes };
  if (reasons.some((reason) => reason.Code === 'TransactionConflict')) return { kind: 'conflict' };
  throw error;
}

/** A claim: the token (index 0) lost → contended; another condition → duplicate; a conflict → contended. */
export function claimOutcome(result: TransactResult): ClaimOutcome {
  if (result.kind === 'done') return 'claimed';
  if (result.kind === 'conflict') return 'contended';
  return result.indexes.some((index) => index > 0) ? 'duplicate' : 'contended';
}
