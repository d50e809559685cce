import * as z from 'zod';

/**
 * The `userIdentity.type` values CloudTrail documents. The schema accepts any string (AWS adds types,
 * e.g. IdentityCenterUser in 2023) and some service events carry no type at all; use
 * {@link isKnownUserIdentityType} when a decision depends on the type.
 */
export const KNOWN_USER_IDENTITY_TYPES = [
  'Root',
  'IAMUser',
  'AssumedRole',
  'Role',
  'FederatedUser',
  'Directory',
  'AWSAccount',
  'AWSService',
  'Unknown',
  'SAMLUser',
  'WebIdentityUser',
  'IdentityCenterUser',
] as const;
export const KnownUserIdentityTypeSchema = z.enum(KNOWN_USER_IDENTITY_TYPES);
export type KnownUserIdentityType = z.infer<typeof KnownUserIdentityTypeSchema>;

/**
 * Whether `type` is one of the documented `userIdentity.type` values.
 *
 * @example
 * ```ts
 * if (isKnownUserIdentityType(record.userIdentity.type)) { ... }
 * ```
 */
export function isKnownUserIdentityType(type: unknown): type is KnownUserIdentityType {
  return KnownUserIdentityTypeSchema.safeParse(type).success;
}

/** The role (or user) that issued temporary credentials. Empty (`{}`) for web identity sessions. */
export const SessionIssuerSchema = z.looseObject({
  type: z.string().optional(),
  principalId: z.string().optional(),
  arn: z.string().optional(),
  accountId: z.string().optional(),
  userName: z.string().optional(),
});
export type SessionIssuer = z.infer<typeof SessionIssuerSchema>;

/** `userIdentity.sessionContext`: how and by whom a temporary session was created. */
export const SessionContextSchema = z.looseObject({
  attributes: z
    .looseObject({
      creationDate: z.string().optional(),
      // CloudTrail writes "true"/"false"; other producers (ASFF) use booleans.
      mfaAuthenticated: z.union([z.string(), z.boolean()]).optional(),
    })
    .optional(),
  sessionIssuer: SessionIssuerSchema.optional(),
  webIdFederationData: z
    .looseObject({
      federatedProvider: z.string().optional(),
      attributes: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
  /** Set with `sts:SourceIdentity`; survives role chaining, so it names the original principal. */
  sourceIdentity: z.string().optional(),
  ec2RoleDelivery: z.string().optional(),
  ec2IssuedInVPC: z.string().optional(),
  assumedRoot: z.string().optional(),
});
export type SessionContext = z.infer<typeof SessionContextSchema>;

/** The Identity Center user a call was made for (IdentityCenterUser and trusted identity propagation). */
export const OnBehalfOfSchema = z.looseObject({
  userId: z.string().min(1),
  identityStoreArn: z.string().optional(),
});
export type OnBehalfOf = z.infer<typeof OnBehalfOfSchema>;

/**
 * `userIdentity` of a CloudTrail record, for every identity type. Only the shape of the fields Vigil
 * reads is checked; unknown fields are kept.
 */
export const UserIdentitySchema = z.looseObject({
  /** Absent on some service events (e.g. EC2 `SharedSnapshotVolumeCreated`). */
  type: z.string().min(1).optional(),
  principalId: z.string().optional(),
  arn: z.string().optional(),
  accountId: z.string().optional(),
  accessKeyId: z.string().optional(),
  userName: z.string().optional(),
  invokedBy: z.string().optional(),
  identityProvider: z.string().optional(),
  credentialId: z.string().optional(),
  sessionContext: SessionContextSchema.optional(),
  onBehalfOf: OnBehalfOfSchema.optional(),
});
export type UserIdentity = z.infer<typeof UserIdentitySchema>;
