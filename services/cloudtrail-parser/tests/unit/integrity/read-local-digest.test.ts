import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readLocalDigest } from '../../../src/core/integrity/read-local-digest';
import { LogFormatError } from '../../../src/errors';
import { createDigestChain, createSigningKey, sha256 } from '../../helpers/digest-chain';

const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-digest-'));

describe('readLocalDigest', () => {
  it('hashes a gzipped digest uncompressed, as CloudTrail does', async () => {
    // Arrange
    const [digest] = createDigestChain([[]], createSigningKey());
    const file = path.join(dir, 'digest.json.gz');
    writeFileSync(file, gzipSync(digest?.content ?? ''));

    // Act
    const local = await readLocalDigest(file);

    // Assess
    expect(local.sha256).toBe(sha256(digest?.content ?? ''));
    expect(local.digest.digestS3Object).toBe(digest?.key);
  });

  it('rejects a file that is not a digest with the field at fault', async () => {
    // Arrange
    const file = path.join(dir, 'records.json');
    writeFileSync(file, JSON.stringify({ Records: [] }));

    // Act
    const reading = readLocalDigest(file);

    // Assess
    await expect(reading).rejects.toThrow(LogFormatError);
    await expect(reading).rejects.toThrow(/^not a CloudTrail digest \(awsAccountId: /);
  });
});
