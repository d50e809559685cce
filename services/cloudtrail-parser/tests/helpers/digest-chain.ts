import { createHash, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import type { DigestFile } from '../../src/core/integrity/digest-file';
import { digestSigningText } from '../../src/core/integrity/digest-signature';

export const DIGEST_BUCKET = 'org-trail-bucket';
const ACCOUNT = '111122223333';

export interface SigningKey {
  privateKey: KeyObject;
  fingerprint: string;
  /** `aws cloudtrail list-public-keys` output for this key (PKCS #1 DER, base64). */
  listing: { PublicKeyList: { Value: string; Fingerprint: string }[] };
}

/** A fresh RSA key pair standing in for CloudTrail's regional signing key. */
export function createSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ format: 'der', type: 'pkcs1' });
  const fingerprint = createHash('md5').update(der).digest('hex');
  return {
    privateKey,
    fingerprint,
    listing: { PublicKeyList: [{ Value: der.toString('base64'), Fingerprint: fingerprint }] },
  };
}

export const sha256 = (content: string | Buffer): string =>
  createHash('sha256').update(content).digest('hex');

/** The S3 key of a log file delivered at `hour` (0-based) of 2024-05-01 in us-east-1. */
export function logKey(hour: number, name: string): string {
  const stamp = `20240501T${String(hour).padStart(2, '0')}05Z`;
  return `AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2024/05/01/${ACCOUNT}_CloudTrail_us-east-1_${stamp}_${name}.json.gz`;
}

function digestKey(hour: number): string {
  const stamp = `20240501T${String(hour + 1).padStart(2, '0')}0000Z`;
  return `AWSLogs/${ACCOUNT}/CloudTrail-Digest/us-east-1/2024/05/01/${ACCOUNT}_CloudTrail-Digest_us-east-1_org-trail_us-east-1_${stamp}.json.gz`;
}

export interface SignedDigest {
  key: string;
  /** The digest as CloudTrail writes it (uncompressed). */
  content: string;
  digest: DigestFile;
  /** Its signature (in S3 metadata, and in the next digest's `previousDigestSignature`). */
  signature: string;
}

/**
 * A chain of hourly digests, each listing the logs of its hour (`logsByHour[hour]`: key → uncompressed
 * content), hashed and signed as CloudTrail does: each digest carries the hash and signature of the one
 * before it.
 */
export function createDigestChain(
  logsByHour: readonly (readonly [string, string])[][],
  key: SigningKey
): SignedDigest[] {
  const chain: SignedDigest[] = [];
  logsByHour.forEach((logs, hour) => {
    const previous = chain[chain.length - 1];
    const digest: DigestFile = {
      awsAccountId: ACCOUNT,
      digestStartTime: `2024-05-01T${String(hour).padStart(2, '0')}:00:00Z`,
      digestEndTime: `2024-05-01T${String(hour + 1).padStart(2, '0')}:00:00Z`,
      digestS3Bucket: DIGEST_BUCKET,
      digestS3Object: digestKey(hour),
      digestPublicKeyFingerprint: key.fingerprint,
      digestSignatureAlgorithm: 'SHA256withRSA',
      previousDigestS3Bucket: previous === undefined ? null : DIGEST_BUCKET,
      previousDigestS3Object: previous?.key ?? null,
      previousDigestHashValue: previous === undefined ? null : sha256(previous.content),
      previousDigestHashAlgorithm: previous === undefined ? null : 'SHA-256',
      previousDigestSignature: previous?.signature ?? null,
      logFiles: logs.map(([s3Object, content]) => ({
        s3Bucket: DIGEST_BUCKET,
        s3Object,
        hashValue: sha256(content),
        hashAlgorithm: 'SHA-256' as const,
      })),
    };
    const content = JSON.stringify(digest);
    const text = digestSigningText(digest, sha256(content));
    const signature = sign('sha256', Buffer.from(text), key.privateKey).toString('hex');
    chain.push({ key: digestKey(hour), content, digest, signature });
  });
  return chain;
}
