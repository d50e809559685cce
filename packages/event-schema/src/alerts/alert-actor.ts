import * as z from 'zod';
import { NonEmptyStringSchema } from '../common/primitives';

/** One hop of a role chain: the identity that assumed the next role and the key it was issued. */
export const ActorChainLinkSchema = z.object({
  arn: NonEmptyStringSchema,
  /** The temporary key this hop received (matched against the next call's `accessKeyId`). */
  accessKeyId: z.string().optional(),
  sessionName: z.string().optional(),
  /** The AssumeRole (or federation) event that issued the credentials. */
  eventID: z.string().optional(),
  eventTime: z.string().optional(),
});
export type ActorChainLink = z.infer<typeof ActorChainLinkSchema>;

/** Who did it: the caller as CloudTrail names it, and the principal behind the session when known. */
export const AlertActorSchema = z.object({
  /** `userIdentity.type`, or `Unknown` when the record has none. */
  type: NonEmptyStringSchema,
  arn: z.string().optional(),
  accountId: z.string().optional(),
  /** The account's alias from Vigil's account table. */
  accountAlias: z.string().optional(),
  principalId: z.string().optional(),
  userName: z.string().optional(),
  accessKeyId: z.string().optional(),
  /** The human or workload behind the session (sourceIdentity, the start of the chain, or onBehalfOf). */
  originalPrincipal: z.string().optional(),
  sourceIdentity: z.string().optional(),
  sessionName: z.string().optional(),
  /** The Identity Center user the call was made for. */
  onBehalfOf: z.object({ userId: NonEmptyStringSchema, identityStoreArn: z.string().optional() }).optional(),
  /** The role chain from the original principal (first) to the caller (last); empty when direct. */
  chain: z.array(ActorChainLinkSchema),
});
export type AlertActor = z.infer<typeof AlertActorSchema>;
