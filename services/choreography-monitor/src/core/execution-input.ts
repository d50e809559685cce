import { z } from 'zod';
import { CallbackEventSchema } from './callback-event';

/** The input of every choreography execution (written by the starter, read by the state machine). */
export const ExecutionInputSchema = z.object({
  choreography: z.string().min(1),
  correlationId: z.string().min(1),
  /** Partition key of the workflow's token, inbox and duplicate records. */
  tokenKey: z.string().min(1),
  /** DynamoDB TTL of those records, epoch seconds as a string (DynamoDB `N` through `N.$`). */
  tokenTtl: z.string().regex(/^\d+$/),
  /** The start event; each waiting state replaces it with the event it received. */
  lastEvent: CallbackEventSchema,
});
export type ExecutionInput = z.infer<typeof ExecutionInputSchema>;
