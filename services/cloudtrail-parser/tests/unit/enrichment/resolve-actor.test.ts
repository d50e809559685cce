import { StaticAccountDirectory } from '../../../src/core/enrichment/account-directory';
import { parseExpiration, readIssuedCredentials } from '../../../src/core/enrichment/issued-credentials';
import { PrincipalIndex } from '../../../src/core/enrichment/principal-index';
import { resolveActor, resolveActorSync } from '../../../src/core/enrichment/resolve-actor';

const ACCOUNT = '111122223333';

function assumeRole(options: {
  callerArn: string;
  callerType: string;
  callerKey?: string;
  role: string;
  session: string;
  issuedKey: string;
  eventName?: string;
  sourceIdentity?: string;
}): Record<string, unknown> {
  return {
    eventVersion: '1.08',
    eventID: `issue-${options.issuedKey}`,
    eventTime: '2024-07-31T10:00:00Z',
    eventName: options.eventName ?? 'AssumeRole',
    eventSource: 'sts.amazonaws.com',
    awsRegion: 'us-east-1',
    recipientAccountId: ACCOUNT,
    userIdentity: {
      type: options.callerType,
      arn: options.callerArn,
      accountId: ACCOUNT,
      ...(options.callerKey ? { accessKeyId: options.callerKey } : {}),
    },
    requestParameters: {
      roleArn: `arn:aws:iam::${ACCOUNT}:role/${options.role}`,
      roleSessionName: options.session,
      ...(options.sourceIdentity ? { sourceIdentity: options.sourceIdentity } : {}),
    },
    responseElements: {
      credentials: { accessKeyId: options.issuedKey, expiration: 'Jul 31, 2024, 11:00:00 AM' },
      assumedRoleUser: { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${options.role}/${options.session}` },
    },
  };
}

function callWith(key: string, role: string, session: string, extra: Record<string, unknown> = {}) {
  return {
    eventVersion: '1.08',
    eventID: 'call-1',
    eventTime: '2024-07-31T10:05:00Z',
    eventName: 'DeleteTrail',
    eventSource: 'cloudtrail.amazonaws.com',
    recipientAccountId: ACCOUNT,
    userIdentity: {
      type: 'AssumedRole',
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${session}`,
      accountId: ACCOUNT,
      accessKeyId: key,
      ...extra,
    },
  };
}

describe('resolveActor', () => {
  it('walks a role chain back to the IAM user who started it', async () => {
    // Prepare
    const index = new PrincipalIndex();
    index.observe(
      assumeRole({
        callerArn: `arn:aws:iam::${ACCOUNT}:user/alice`,
        callerType: 'IAMUser',
        callerKey: 'AKIAALICE',
        role: 'Hop1',
        session: 's1',
        issuedKey: 'ASIAHOP1',
      })
    );
    index.observe(
      assumeRole({
        callerArn: `arn:aws:sts::${ACCOUNT}:assumed-role/Hop1/s1`,
        callerType: 'AssumedRole',
        callerKey: 'ASIAHOP1',
        role: 'Hop2',
        session: 's2',
        issuedKey: 'ASIAHOP2',
      })
    );
    const accounts = new StaticAccountDirectory([
      { accountId: ACCOUNT, alias: 'prod-payments', ou: 'ou-prod' },
    ]);

    // Act
    const actor = await resolveActor(callWith('ASIAHOP2', 'Hop2', 's2'), { principals: index, accounts });

    // Assess
    expect(actor.originalPrincipal).toBe(`arn:aws:iam::${ACCOUNT}:user/alice`);
    expect(actor.accountAlias).toBe('prod-payments');
    expect(actor.sessionName).toBe('s2');
    expect(actor.chain.map((link) => link.arn)).toEqual([
      `arn:aws:iam::${ACCOUNT}:user/alice`,
      `arn:aws:sts::${ACCOUNT}:assumed-role/Hop1/s1`,
      `arn:aws:sts::${ACCOUNT}:assumed-role/Hop2/s2`,
    ]);
    expect(actor.chain.map((link) => link.accessKeyId)).toEqual(['AKIAALICE', 'ASIAHOP1', 'ASIAHOP2']);
  });

  it('prefers sessionContext.sourceIdentity over the chain', () => {
    // Prepare
    const index = new PrincipalIndex();
    index.observe(
      assumeRole({
        callerArn: `arn:aws:iam::${ACCOUNT}:user/ci`,
        callerType: 'IAMUser',
        role: 'Deploy',
        session: 'd',
        issuedKey: 'ASIADEPLOY',
      })
    );
    const record = callWith('ASIADEPLOY', 'Deploy', 'd', {
      sessionContext: { sourceIdentity: 'bob@example.com' },
    });

    // Act
    const actor = resolveActorSync(record, { principals: index });

    // Assess
    expect(actor.originalPrincipal).toBe('bob@example.com');
    expect(actor.sourceIdentity).toBe('bob@example.com');
    expect(actor.chain).toHaveLength(2);
  });

  it('carries a sourceIdentity set by an earlier AssumeRole of the chain', () => {
    // Prepare
    const index = new PrincipalIndex();
    index.observe(
      assumeRole({
        callerArn: `arn:aws:iam::${ACCOUNT}:user/ci`,
        callerType: 'IAMUser',
        role: 'Deploy',
        session: 'd',
        issuedKey: 'ASIAD',
        sourceIdentity: 'carol',
      })
    );

    // Act
    const actor = resolveActorSync(callWith('ASIAD', 'Deploy', 'd'), { principals: index });

    // Assess
    expect(actor.sourceIdentity).toBe('carol');
    expect(actor.originalPrincipal).toBe('carol');
  });

  it('names the Identity Center user of onBehalfOf', () => {
    // Prepare
    const record = callWith('ASIAUNKNOWN', 'AWSReservedSSO_Admin', 'dave', {
      type: 'IdentityCenterUser',
      onBehalfOf: {
        userId: '9067-abcd',
        identityStoreArn: 'arn:aws:identitystore::111122223333:identitystore/d-1234',
      },
    });

    // Act
    const actor = resolveActorSync(record, { principals: new PrincipalIndex() });

    // Assess
    expect(actor.onBehalfOf).toEqual({
      userId: '9067-abcd',
      identityStoreArn: 'arn:aws:identitystore::111122223333:identitystore/d-1234',
    });
    expect(actor.originalPrincipal).toBe(
      'arn:aws:identitystore::111122223333:identitystore/d-1234/user/9067-abcd'
    );
  });

  it('stops on a key loop and leaves unknown sessions without an original principal', () => {
    // Prepare: corrupt data where a key claims to have issued itself.
    const index = new PrincipalIndex();
    index.observe(
      assumeRole({
        callerArn: `arn:aws:sts::${ACCOUNT}:assumed-role/Loop/l`,
        callerType: 'AssumedRole',
        callerKey: 'ASIALOOP',
        role: 'Loop',
        session: 'l',
        issuedKey: 'ASIALOOP',
      })
    );

    // Act
    const looped = resolveActorSync(callWith('ASIALOOP', 'Loop', 'l'), { principals: index });
    const unknown = resolveActorSync(callWith('ASIANOBODY', 'R', 's'), { principals: index });

    // Assess
    expect(looped.chain).toHaveLength(2);
    expect(unknown.chain).toEqual([]);
    expect(unknown.originalPrincipal).toBeUndefined();
    expect(unknown.type).toBe('AssumedRole');
  });

  it('treats an IAM user as its own original principal', () => {
    // Prepare
    const record = {
      eventID: 'e',
      userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/erin`, accessKeyId: 'AKIAERIN' },
    };

    // Act
    const actor = resolveActorSync(record, { principals: new PrincipalIndex() });

    // Assess
    expect(actor).toMatchObject({
      type: 'IAMUser',
      originalPrincipal: `arn:aws:iam::${ACCOUNT}:user/erin`,
      chain: [],
    });
  });
});

describe('readIssuedCredentials', () => {
  it('reads GetFederationToken and GetSessionToken issuances, not failed calls', () => {
    // Prepare
    const federation = {
      eventName: 'GetFederationToken',
      eventTime: '2024-07-31T10:00:00Z',
      userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/frank`, accessKeyId: 'AKIAFRANK' },
      requestParameters: { name: 'frank-fed', durationSeconds: 7200 },
      responseElements: {
        credentials: { accessKeyId: 'ASIAFED' },
        federatedUser: { arn: `arn:aws:sts::${ACCOUNT}:federated-user/frank-fed` },
      },
    };
    const failed = { ...federation, errorCode: 'AccessDenied' };

    // Act
    const issued = readIssuedCredentials(federation);

    // Assess
    expect(issued).toMatchObject({
      accessKeyId: 'ASIAFED',
      sessionArn: `arn:aws:sts::${ACCOUNT}:federated-user/frank-fed`,
      sessionName: 'frank-fed',
      expiresAt: Date.parse('2024-07-31T12:00:00Z') / 1000,
    });
    expect(readIssuedCredentials(failed)).toBeUndefined();
  });

  it('parses CloudTrail expirations as UTC whatever the local time zone', () => {
    // Act
    const times = [
      parseExpiration('Jul 10, 2023, 12:31:14 PM'),
      parseExpiration('Jan 1, 2024, 12:05:00 AM'),
      parseExpiration('soon'),
    ];

    // Assess
    expect(times).toEqual([
      Date.parse('2023-07-10T12:31:14Z') / 1000,
      Date.parse('2024-01-01T00:05:00Z') / 1000,
      undefined,
    ]);
  });
});
