import { readdirSync } from 'node:fs';
import path from 'node:path';
import {
  CloudTrailEventRecordSchema,
  CloudTrailRecordSchema,
  isCloudTrailInsightRecord,
} from '../../../src/cloudtrail/cloudtrail-record';
import { isKnownUserIdentityType, KNOWN_USER_IDENTITY_TYPES } from '../../../src/cloudtrail/user-identity';
import { SchemaValidationError } from '../../../src/errors';
import { parseWith } from '../../../src/validation/parse-with';
import { loadEvent, loadEventRecord } from '../../helpers/load-event';

const fixtures = readdirSync(path.resolve(__dirname, '../../events/cloudtrail')).filter((f) =>
  f.endsWith('.json')
);

describe('CloudTrailRecordSchema', () => {
  it.each(fixtures)('parses %s', (file) => {
    // Prepare
    const record = loadEvent(`cloudtrail/${file}`);

    // Act
    const result = CloudTrailRecordSchema.safeParse(record);

    // Assess
    expect(result.error).toBeUndefined();
  });

  it('covers every documented userIdentity type with a fixture', () => {
    // Prepare
    const types = fixtures.map((file) => {
      const record = loadEvent(`cloudtrail/${file}`) as { userIdentity?: { type?: string } };
      return record.userIdentity?.type;
    });

    // Act
    const missing = KNOWN_USER_IDENTITY_TYPES.filter((type) => !types.includes(type));

    // Assess
    expect(missing).toEqual([]);
  });

  it('keeps onBehalfOf of an Identity Center user', () => {
    // Prepare
    const raw = loadEvent('cloudtrail/identity-center-user.json');

    // Act
    const record = parseWith(CloudTrailEventRecordSchema, raw, 'CloudTrail record');

    // Assess
    expect(record.userIdentity.type).toBe('IdentityCenterUser');
    expect(record.userIdentity.onBehalfOf?.userId).toBe('544894e8-80c1-707f-60e3-3ba6510dfac1');
  });

  it('keeps sourceIdentity and the session issuer of an assumed role', () => {
    // Prepare
    const raw = loadEvent('cloudtrail/assumed-role-with-source-identity.json');

    // Act
    const record = parseWith(CloudTrailEventRecordSchema, raw, 'CloudTrail record');

    // Assess
    expect(record.userIdentity.sessionContext?.sourceIdentity).toBe('alice@example.com');
    expect(record.userIdentity.sessionContext?.sessionIssuer?.arn).toBe(
      'arn:aws:iam::111122223333:role/Admin'
    );
  });

  it('accepts a service event whose userIdentity has no type', () => {
    // Prepare
    const raw = loadEvent('cloudtrail/service-event-no-identity-type.json');

    // Act
    const record = parseWith(CloudTrailEventRecordSchema, raw, 'CloudTrail record');

    // Assess
    expect(record.userIdentity.type).toBeUndefined();
    expect(record.eventType).toBe('AwsServiceEvent');
  });

  it('keeps errorCode and errorMessage of a failed call', () => {
    // Prepare
    const raw = loadEvent('cloudtrail/error-access-denied.json');

    // Act
    const record = parseWith(CloudTrailEventRecordSchema, raw, 'CloudTrail record');

    // Assess
    expect(record.errorCode).toBe('AccessDenied');
    expect(record.errorMessage).toMatch(/not authorized to perform: cloudtrail:DeleteTrail/);
  });

  it('parses an Insights record and tells it apart', () => {
    // Prepare
    const raw = loadEvent('cloudtrail/insight-api-call-rate-start.json');

    // Act
    const record = parseWith(CloudTrailRecordSchema, raw, 'CloudTrail record');

    // Assess
    expect(isCloudTrailInsightRecord(record)).toBe(true);
    if (!isCloudTrailInsightRecord(record)) return;
    expect(record.insightDetails.eventName).toBe('CreateAccessKey');
    expect(record).not.toHaveProperty('eventName');
  });

  it('keeps fields it does not know (CloudTrail adds fields over time)', () => {
    // Prepare
    const raw: Record<string, unknown> = {
      ...loadEventRecord('cloudtrail/iam-user-create-access-key.json'),
      inScopeOf: { sourceArn: 'x' },
    };
    const identity = { ...(raw.userIdentity as object), futureField: 1 };

    // Act
    const record = parseWith(CloudTrailRecordSchema, { ...raw, userIdentity: identity }, 'CloudTrail record');

    // Assess
    expect(record).toHaveProperty('inScopeOf', { sourceArn: 'x' });
    expect(record).toHaveProperty('userIdentity.futureField', 1);
  });

  it('accepts pseudonymised regions, accounts and IP addresses', () => {
    // Prepare
    const raw = {
      ...loadEventRecord('cloudtrail/iam-user-create-access-key.json'),
      awsRegion: 'apiso-centralnorth-2r',
      recipientAccountId: '000000000000',
      sourceIPAddress: '255.090.254.5',
    };

    // Act
    const result = CloudTrailRecordSchema.safeParse(raw);

    // Assess
    expect(result.success).toBe(true);
  });

  it.each([
    ['eventID', 'eventID: expected string, got nothing (missing)'],
    ['eventTime', 'eventTime: expected string, got nothing (missing)'],
    ['userIdentity', 'userIdentity: expected object, got nothing (missing)'],
  ])('rejects a record without %s', (field, expected) => {
    // Prepare
    const raw = loadEventRecord('cloudtrail/iam-user-create-access-key.json');
    delete raw[field];

    // Act
    const act = () => parseWith(CloudTrailRecordSchema, raw, 'CloudTrail record');

    // Assess
    expect(act).toThrow(SchemaValidationError);
    expect(act).toThrow(`invalid CloudTrail record: ${expected}`);
  });

  it('rejects an Insights record without insightDetails', () => {
    // Prepare
    const raw = loadEventRecord('cloudtrail/insight-api-call-rate-start.json');
    delete raw.insightDetails;

    // Act
    const act = () => parseWith(CloudTrailRecordSchema, raw, 'CloudTrail record');

    // Assess
    expect(act).toThrow('insightDetails: expected object, got nothing (missing)');
  });

  it('rejects a time that is not ISO 8601', () => {
    // Prepare
    const raw = { ...loadEventRecord('cloudtrail/aws-service.json'), eventTime: 'Jul 10, 2023, 12:55:24 PM' };

    // Act
    const act = () => parseWith(CloudTrailRecordSchema, raw, 'CloudTrail record');

    // Assess
    expect(act).toThrow('eventTime: expected an ISO 8601 date-time');
  });
});

describe('isKnownUserIdentityType', () => {
  it('knows the documented types and nothing else', () => {
    // Prepare
    const candidates = ['IdentityCenterUser', 'AssumedRole', 'Robot', undefined];

    // Act
    const known = candidates.map(isKnownUserIdentityType);

    // Assess
    expect(known).toEqual([true, true, false, false]);
  });
});
