import path from 'node:path';
import { describeCorpus } from '@vigil/lambda-kit/testing';
import { digestSigningText } from '../../src/core/integrity/digest-signature';
import { readLocalDigest } from '../../src/core/integrity/read-local-digest';

describeCorpus('CloudTrail digest files (AWS documentation samples)', (corpora) => {
  const folder = path.join(corpora, 'awsdocs-cloudtrail-user-guide');

  it('reads a digest listing a log file, with the hash and signature of its predecessor', async () => {
    // Act
    const local = await readLocalDigest(path.join(folder, 'digest_example_02.json'));

    // Assess
    expect(local.digest.logFiles).toHaveLength(1);
    expect(local.digest.logFiles[0]?.hashValue).toMatch(/^[0-9a-f]{64}$/);
    expect(local.digest.previousDigestHashValue).toMatch(/^[0-9a-f]{64}$/);
    expect(local.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(digestSigningText(local.digest, local.sha256).split('\n')).toEqual([
      '2015-08-17T15:01:31Z',
      `S3-bucket-name/${local.digest.digestS3Object}`,
      local.sha256,
      local.digest.previousDigestSignature,
    ]);
  });

  it('reads a digest of an hour without log files, with empty event times', async () => {
    // Act
    const local = await readLocalDigest(path.join(folder, 'digest_example_03.json'));

    // Assess
    expect(local.digest.logFiles).toEqual([]);
    expect(local.digest.digestSignatureAlgorithm).toBe('SHA256withRSA');
  });
});
