import { createSignatureCheck, readPublicKeys } from '../../../src/core/integrity/digest-signature';
import {
  type LocalDigest,
  type LocalLog,
  verifyLogIntegrity,
} from '../../../src/core/integrity/verify-log-integrity';
import {
  createDigestChain,
  createSigningKey,
  logKey,
  type SignedDigest,
  sha256,
} from '../../helpers/digest-chain';

const key = createSigningKey();
const stranger = createSigningKey();
const checkSignature = createSignatureCheck(readPublicKeys(key.listing));

const LOGS = [
  [[logKey(0, 'a'), '{"Records":[{"eventName":"A"}]}']],
  [
    [logKey(1, 'b'), '{"Records":[{"eventName":"B"}]}'],
    [logKey(1, 'c'), '{"Records":[{"eventName":"C"}]}'],
  ],
  [[logKey(2, 'd'), '{"Records":[{"eventName":"D"}]}']],
] as const satisfies readonly (readonly [string, string])[][];

/** The synced copy: every digest and log under `/sync/` as `aws s3 sync` lays them out. */
function synced(chain: readonly SignedDigest[]): { digests: LocalDigest[]; logs: LocalLog[] } {
  return {
    digests: chain.map((entry) => ({
      path: `/sync/${entry.key}`,
      sha256: sha256(entry.content),
      digest: entry.digest,
    })),
    logs: LOGS.flat().map(([s3Key, content]) => ({ path: `/sync/${s3Key}`, sha256: sha256(content) })),
  };
}

describe('verifyLogIntegrity', () => {
  it('verifies every log and every signature a successor carries; the newest digest is signed in S3 only', () => {
    // Arrange
    const { digests, logs } = synced(
      createDigestChain(
        LOGS.map((hour) => [...hour]),
        key
      )
    );

    // Act
    const report = verifyLogIntegrity(digests, logs, checkSignature);

    // Assess
    expect(report).toEqual({
      problems: [],
      logsVerified: 4,
      logsNotCovered: 0,
      digests: 3,
      signaturesVerified: 2,
      signaturesUnverifiable: 1,
    });
  });

  it('reports a log modified after delivery and one deleted', () => {
    // Arrange
    const { digests, logs } = synced(
      createDigestChain(
        LOGS.map((hour) => [...hour]),
        key
      )
    );
    const modified = logs.map((log) =>
      log.path.endsWith(logKey(1, 'b')) ? { ...log, sha256: sha256('{"Records":[]}') } : log
    );
    const withoutD = modified.filter((log) => !log.path.endsWith(logKey(2, 'd')));

    // Act
    const report = verifyLogIntegrity(digests, withoutD, checkSignature);

    // Assess
    expect(report.problems).toEqual([
      {
        path: `/sync/${logKey(1, 'b')}`,
        reason: `integrity: modified after delivery (its SHA-256 differs from the one in ${digests[1]?.path})`,
      },
      { path: digests[2]?.path, reason: `integrity: log file ${logKey(2, 'd')} is listed but missing` },
    ]);
    expect(report.logsVerified).toBe(2);
  });

  it('reports a digest whose content no longer hashes to what its successor recorded', () => {
    // Arrange
    const { digests, logs } = synced(
      createDigestChain(
        LOGS.map((hour) => [...hour]),
        key
      )
    );
    const first = digests[0] as LocalDigest;
    const tampered = [
      { ...first, sha256: sha256(`${first.digest.digestS3Object} rewritten`) },
      ...digests.slice(1),
    ];

    // Act
    const report = verifyLogIntegrity(tampered, logs, checkSignature);

    // Assess
    expect(report.problems.map((problem) => [problem.path, problem.reason])).toEqual([
      [
        first.path,
        `integrity: digest modified after delivery (its SHA-256 differs from the one in ${digests[1]?.path})`,
      ],
    ]);
  });

  it('rejects a signature made with another key, and names a fingerprint it has no key for', () => {
    // Arrange: the chain signed by a stranger, checked against CloudTrail's key; then no key at all
    const { digests, logs } = synced(
      createDigestChain(
        LOGS.map((hour) => [...hour]),
        stranger
      )
    );
    const forged = digests.map((local) => ({
      ...local,
      digest: { ...local.digest, digestPublicKeyFingerprint: key.fingerprint },
    }));

    // Act
    const report = verifyLogIntegrity(forged, logs, checkSignature);
    const unknown = verifyLogIntegrity(digests, logs, checkSignature);

    // Assess
    expect(report.problems.map((problem) => problem.reason)).toEqual([
      'integrity: digest signature does not verify',
      'integrity: digest signature does not verify',
    ]);
    expect(report.signaturesVerified).toBe(0);
    expect(unknown.problems[0]?.reason).toBe(
      `integrity: no public key with fingerprint ${stranger.fingerprint}`
    );
  });

  it('reports a hole in a chain between synced digests, not the missing start of a synced range', () => {
    // Arrange
    const { digests, logs } = synced(
      createDigestChain(
        LOGS.map((hour) => [...hour]),
        key
      )
    );
    const hole = [digests[0], digests[2]] as LocalDigest[];
    const laterOnly = digests.slice(1);

    // Act
    const withHole = verifyLogIntegrity(hole, logs);
    const fromTheMiddle = verifyLogIntegrity(laterOnly, logs);

    // Assess
    expect(withHole.problems).toEqual([
      {
        path: digests[2]?.path,
        reason: `integrity: previous digest ${digests[1]?.digest.digestS3Object} is missing`,
      },
    ]);
    expect(fromTheMiddle.problems).toEqual([]);
    expect(fromTheMiddle.logsNotCovered).toBe(1);
  });

  it('reports a digest that is not where CloudTrail delivered it', () => {
    // Arrange
    const { digests, logs } = synced(
      createDigestChain(
        LOGS.map((hour) => [...hour]),
        key
      )
    );
    const moved = digests.map((local, index) =>
      index === 2
        ? { ...local, path: '/sync/AWSLogs/111122223333/CloudTrail-Digest/elsewhere.json.gz' }
        : local
    );

    // Act
    const report = verifyLogIntegrity(moved, logs, checkSignature);

    // Assess
    expect(report.problems).toEqual([
      {
        path: '/sync/AWSLogs/111122223333/CloudTrail-Digest/elsewhere.json.gz',
        reason: `integrity: digest moved from its original location ${digests[2]?.digest.digestS3Object}`,
      },
    ]);
  });
});
