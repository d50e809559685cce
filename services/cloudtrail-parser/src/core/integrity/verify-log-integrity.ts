import { type DigestFile, digestChainOf, trailObjectKey } from './digest-file';
import { digestSigningText, type SignatureCheck } from './digest-signature';

/** A digest file found locally: where, the SHA-256 of its uncompressed content, and what it says. */
export interface LocalDigest {
  path: string;
  sha256: string;
  digest: DigestFile;
}

/** A log file scanned locally, with the SHA-256 of its uncompressed content. */
export interface LocalLog {
  path: string;
  sha256: string;
}

export interface IntegrityProblem {
  path: string;
  reason: string;
}

export interface IntegrityReport {
  problems: IntegrityProblem[];
  /** Log files whose hash matches the digest listing them. */
  logsVerified: number;
  /** Log files no local digest lists (digests outside the synced range, or no validation on the trail). */
  logsNotCovered: number;
  digests: number;
  /** Digest signatures checked with the signature their successor carries. */
  signaturesVerified: number;
  /** Digests whose signature is only in S3 metadata: the newest of each chain (no successor here). */
  signaturesUnverifiable: number;
}

/**
 * Checks synced CloudTrail logs against their digests, offline, as `aws cloudtrail validate-logs` does in
 * S3: every log file a digest lists must be here with the same SHA-256 (else modified or deleted), every
 * digest must hash to what its successor says (else modified), a chain must have no hole between its
 * digests here, and, given public keys, each digest's signature (carried by its successor as
 * `previousDigestSignature`) must verify. The newest digest of a chain is signed in S3 metadata only,
 * which a synced copy lacks: it is counted as unverifiable.
 */
export function verifyLogIntegrity(
  digests: readonly LocalDigest[],
  logs: readonly LocalLog[],
  checkSignature?: SignatureCheck
): IntegrityReport {
  const report: IntegrityReport = {
    problems: [],
    logsVerified: 0,
    logsNotCovered: 0,
    digests: digests.length,
    signaturesVerified: 0,
    signaturesUnverifiable: 0,
  };
  const problem = (path: string, reason: string): void => {
    report.problems.push({ path, reason: `integrity: ${reason}` });
  };
  const logsByKey = new Map<string, LocalLog>();
  for (const log of logs) {
    const key = trailObjectKey(log.path);
    if (key !== undefined) logsByKey.set(key, log);
  }
  const digestsByKey = new Map<string, LocalDigest>();
  for (const local of digests) {
    const key = trailObjectKey(local.digest.digestS3Object);
    if (key !== undefined) digestsByKey.set(key, local);
    if (key === undefined || trailObjectKey(local.path) !== key) {
      problem(local.path, `digest moved from its original location ${local.digest.digestS3Object}`);
    }
  }

  const covered = new Set<LocalLog>();
  const hasSuccessor = new Set<LocalDigest>();
  for (const local of digests) {
    const { digest } = local;
    for (const listed of digest.logFiles) {
      const log = logsByKey.get(trailObjectKey(listed.s3Object) ?? listed.s3Object);
      if (log === undefined) {
        problem(local.path, `log file ${listed.s3Object} is listed but missing`);
        continue;
      }
      covered.add(log);
      if (log.sha256 !== listed.hashValue.toLowerCase()) {
        problem(log.path, `modified after delivery (its SHA-256 differs from the one in ${local.path})`);
      } else {
        report.logsVerified++;
      }
    }
    checkPrevious(local);
  }
  report.logsNotCovered = logs.filter((log) => !covered.has(log)).length;
  report.signaturesUnverifiable = digests.filter((local) => !hasSuccessor.has(local)).length;
  return report;

  function checkPrevious(local: LocalDigest): void {
    const { digest } = local;
    const previousKey = digest.previousDigestS3Object;
    if (previousKey === null || previousKey === undefined) return;
    const previous = digestsByKey.get(trailObjectKey(previousKey) ?? previousKey);
    if (previous === undefined) {
      // Only a hole inside the synced range is a problem: an older digest of the chain is here.
      const chain = digestChainOf(trailObjectKey(digest.digestS3Object) ?? digest.digestS3Object);
      const hasOlder = digests.some(
        (other) =>
          other !== local &&
          digestChainOf(trailObjectKey(other.digest.digestS3Object) ?? '') === chain &&
          other.digest.digestEndTime < digest.digestStartTime
      );
      if (hasOlder) problem(local.path, `previous digest ${previousKey} is missing`);
      return;
    }
    hasSuccessor.add(previous);
    if (previous.sha256 !== digest.previousDigestHashValue?.toLowerCase()) {
      problem(
        previous.path,
        `digest modified after delivery (its SHA-256 differs from the one in ${local.path})`
      );
      return;
    }
    if (checkSignature === undefined) return;
    const signature = digest.previousDigestSignature ?? '';
    const verdict = checkSignature(
      previous.digest.digestPublicKeyFingerprint,
      digestSigningText(previous.digest, previous.sha256),
      signature
    );
    if (verdict === 'valid') {
      report.signaturesVerified++;
    } else if (verdict === 'invalid') {
      problem(previous.path, 'digest signature does not verify');
    } else {
      problem(previous.path, `no public key with fingerprint ${previous.digest.digestPublicKeyFingerprint}`);
    }
  }
}
