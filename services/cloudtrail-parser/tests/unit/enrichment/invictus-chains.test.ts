import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describeCorpus } from '@vigil/lambda-kit/testing';
import { PrincipalIndex } from '../../../src/core/enrichment/principal-index';
import { resolveActor, resolveActorSync } from '../../../src/core/enrichment/resolve-actor';

type CloudTrailRecord = Record<string, unknown> & { userIdentity?: { accessKeyId?: string; arn?: string } };

describeCorpus('resolveActor on the Invictus dataset', (corpora) => {
  const dir = path.join(corpora, 'invictus-ir-aws_dataset', 'CloudTrail');
  // File names carry the delivery time, so sorted names replay the trail in order.
  const records = (): CloudTrailRecord[] =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .flatMap(
        (name) =>
          (JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as { Records: CloudTrailRecord[] }).Records
      );

  it('resolves calls made with an issued key while replaying the trail file by file', () => {
    // Prepare
    const index = new PrincipalIndex();
    const originals: (string | undefined)[] = [];

    // Act
    for (const record of records()) {
      index.observe(record);
      const key = record.userIdentity?.accessKeyId;
      if (key !== undefined && index.lookup(key) !== undefined) {
        const actor = resolveActorSync(record, { principals: index });
        expect(actor.chain).toHaveLength(2);
        originals.push(actor.originalPrincipal);
      }
    }

    // Assess: 47 of the 70 reuses sit in files delivered after their AssumeRole (30 of them the attacker's);
    // the others need the issuance from a later file: the principals table covers them across files.
    expect(index.size).toBe(36);
    expect(originals).toHaveLength(47);
    expect(
      originals.filter((original) => original === 'arn:aws:iam::123837392027:user/bert-jan')
    ).toHaveLength(30);
  });

  it('resolves all 70 reused keys once every issuance is stored (files delivered out of order)', () => {
    // Prepare
    const all = records();
    const index = new PrincipalIndex();
    for (const record of all) index.observe(record);

    // Act
    const originals = all
      .filter(
        (record) =>
          record.userIdentity?.accessKeyId !== undefined && index.lookup(record.userIdentity.accessKeyId)
      )
      .map((record) => resolveActorSync(record, { principals: index }).originalPrincipal ?? '?');

    // Assess: 47 calls by the IAM user's session, 23 by sessions AWS services assumed.
    expect(originals).toHaveLength(70);
    expect(
      originals.filter((original) => original === 'arn:aws:iam::123837392027:user/bert-jan')
    ).toHaveLength(47);
    expect(originals.filter((original) => original.endsWith('.amazonaws.com'))).toHaveLength(23);
  });

  it('finds the same principals through the async store interface', async () => {
    // Prepare
    const index = new PrincipalIndex();
    const all = records();
    for (const record of all) index.observe(record);
    const attackerCall = all.find(
      (record) =>
        record.eventName === 'GetPasswordData' && record.userIdentity?.accessKeyId?.startsWith('ASIA')
    );
    if (attackerCall === undefined)
      throw new Error('the dataset has a GetPasswordData call with a session key');

    // Act
    const actor = await resolveActor(attackerCall, { principals: index });

    // Assess
    expect(actor.type).toBe('AssumedRole');
    expect(actor.originalPrincipal).toBe('arn:aws:iam::123837392027:user/bert-jan');
    expect(actor.chain[0]).toMatchObject({ arn: 'arn:aws:iam::123837392027:user/bert-jan' });
    expect(actor.chain[1]?.arn).toMatch(/assumed-role\/stratus-red-team-ec2-get-password-data-role\//);
    expect(actor.sessionName).toMatch(/^aws-go-sdk-/);
  });
});
