import * as z from 'zod';
import { IsoDateTimeSchema, NonEmptyStringSchema } from '../common/primitives';

/** One log file listed in a digest, with its hash. */
export const CloudTrailDigestLogFileSchema = z.looseObject({
  s3Bucket: NonEmptyStringSchema,
  s3Object: NonEmptyStringSchema,
  hashValue: z.string().regex(/^[0-9a-f]+$/i),
  hashAlgorithm: NonEmptyStringSchema,
  newestEventTime: IsoDateTimeSchema,
  oldestEventTime: IsoDateTimeSchema,
});
export type CloudTrailDigestLogFile = z.infer<typeof CloudTrailDigestLogFileSchema>;

/**
 * A CloudTrail digest file (under `CloudTrail-Digest/`; no `Records`). The first digest of a trail has
 * null `previousDigest*` fields, and an hour without events has null event times and no log files.
 *
 * @example
 * ```ts
 * if (CloudTrailDigestSchema.safeParse(json).success) skipped += 1;
 * ```
 */
export const CloudTrailDigestSchema = z.looseObject({
  awsAccountId: NonEmptyStringSchema,
  digestStartTime: IsoDateTimeSchema,
  digestEndTime: IsoDateTimeSchema,
  digestS3Bucket: NonEmptyStringSchema,
  digestS3Object: NonEmptyStringSchema,
  digestPublicKeyFingerprint: NonEmptyStringSchema,
  digestSignatureAlgorithm: NonEmptyStringSchema,
  newestEventTime: IsoDateTimeSchema.nullable(),
  oldestEventTime: IsoDateTimeSchema.nullable(),
  previousDigestS3Bucket: z.string().nullish(),
  previousDigestS3Object: z.string().nullish(),
  previousDigestHashValue: z.string().nullish(),
  previousDigestHashAlgorithm: z.string().nullish(),
  previousDigestSignature: z.string().nullish(),
  logFiles: z.array(CloudTrailDigestLogFileSchema),
});
export type CloudTrailDigest = z.infer<typeof CloudTrailDigestSchema>;
