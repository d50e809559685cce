import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { z } from 'zod';
import type { DigestFile } from './digest-file';

/** What checking a digest's signature found. */
export type SignatureVerdict = 'valid' | 'invalid' | 'no-key';

/** Checks `signatureHex` over `signedText` with the public key whose fingerprint is given. */
export type SignatureCheck = (
  fingerprint: string,
  signedText: string,
  signatureHex: string
) => SignatureVerdict;

/**
 * The text CloudTrail signs for a digest (SHA256withRSA): its end time, its S3 path, the SHA-256 of its
 * uncompressed content and the previous digest's signature (`null` on the first digest of a chain).
 */
export function digestSigningText(digest: DigestFile, digestSha256: string): string {
  return [
    digest.digestEndTime,
    `${digest.digestS3Bucket}/${digest.digestS3Object}`,
    digestSha256,
    digest.previousDigestSignature ?? 'null',
  ].join('\n');
}

/** The output of `aws cloudtrail list-public-keys` (`Value`: base64 DER). */
export const PublicKeyListSchema = z.object({
  PublicKeyList: z.array(z.object({ Value: z.string().min(1), Fingerprint: z.string().min(1) })),
});

/** CloudTrail's keys are PKCS #1 DER; a SubjectPublicKeyInfo DER is taken too. */
function toPublicKey(base64: string): KeyObject {
  const der = Buffer.from(base64, 'base64');
  try {
    return createPublicKey({ key: der, format: 'der', type: 'pkcs1' });
  } catch {
    return createPublicKey({ key: der, format: 'der', type: 'spki' });
  }
}

/** Public keys by fingerprint, from `list-public-keys` output. Throws on a key that cannot be read. */
export function readPublicKeys(listing: unknown): Map<string, KeyObject> {
  const { PublicKeyList } = PublicKeyListSchema.parse(listing);
  return new Map(PublicKeyList.map((entry) => [entry.Fingerprint.toLowerCase(), toPublicKey(entry.Value)]));
}

/** A `SignatureCheck` over known public keys: RSA PKCS #1 v1.5 with SHA-256, as CloudTrail signs. */
export function createSignatureCheck(keys: ReadonlyMap<string, KeyObject>): SignatureCheck {
  return (fingerprint, signedText, signatureHex) => {
    const key = keys.get(fingerprint.toLowerCase());
    if (key === undefined) return 'no-key';
    if (!/^(?:[0-9a-f]{2})+$/i.test(signatureHex)) return 'invalid';
    return verify('sha256', Buffer.from(signedText), key, Buffer.from(signatureHex, 'hex'))
      ? 'valid'
      : 'invalid';
  };
}
