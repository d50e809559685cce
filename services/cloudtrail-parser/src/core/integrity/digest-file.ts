import { z } from 'zod';

const NullableText = z.string().nullable().optional();

/** One log file a digest vouches for: its S3 location and the SHA-256 of its uncompressed content. */
export const DigestLogFileSchema = z.object({
  s3Bucket: z.string(),
  s3Object: z.string().min(1),
  hashValue: z.string().regex(/^[0-9a-f]{64}$/i),
  hashAlgorithm: z.literal('SHA-256'),
});

/**
 * A CloudTrail digest file (log file integrity validation): the log files delivered in its hour with their
 * hashes, and the hash and signature of the previous digest (all null on the first digest of a chain).
 * Its own signature is not in the file: CloudTrail puts it in the object's `x-amz-meta-signature`.
 */
export const DigestFileSchema = z.object({
  awsAccountId: z.string(),
  digestStartTime: z.string(),
  digestEndTime: z.string(),
  digestS3Bucket: z.string(),
  digestS3Object: z.string().min(1),
  digestPublicKeyFingerprint: z.string(),
  digestSignatureAlgorithm: z.literal('SHA256withRSA'),
  previousDigestS3Bucket: NullableText,
  previousDigestS3Object: NullableText,
  previousDigestHashValue: NullableText,
  previousDigestHashAlgorithm: NullableText,
  previousDigestSignature: NullableText,
  logFiles: z.array(DigestLogFileSchema),
});
export type DigestFile = z.infer<typeof DigestFileSchema>;

/**
 * The part of a local path or S3 key from `AWSLogs/` on: what a synced copy and the digest's S3 key have in
 * common, whatever the bucket, the trail's key prefix or the local folder.
 */
export function trailObjectKey(pathOrKey: string): string | undefined {
  const normalized = pathOrKey.replaceAll('\\', '/');
  const at = normalized.lastIndexOf('AWSLogs/');
  return at === -1 ? undefined : normalized.slice(at);
}

/** The digest chain a digest belongs to (account, region, trail): its key without date folders and time. */
export function digestChainOf(digestKey: string): string {
  return digestKey
    .replace(/\/\d{4}\/\d{2}\/\d{2}\//, '/')
    .replace(/_\d{8}T\d{6}Z(?:_backfill)?\.json(?:\.gz)?$/, '');
}
