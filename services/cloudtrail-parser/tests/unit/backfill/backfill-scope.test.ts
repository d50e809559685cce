import {
  parseAccounts,
  parseDateBound,
  parseRate,
  parseRegions,
  parseS3Url,
} from '../../../src/core/backfill/backfill-scope';
import { parseCloudTrailKey } from '../../../src/core/backfill/cloudtrail-key';
import { InvalidBackfillOptionError } from '../../../src/core/backfill/errors';

describe('parseS3Url', () => {
  it('normalises the prefix and drops a pasted AWSLogs/ path', () => {
    // Act
    const plain = parseS3Url('s3://my-trail');
    const prefixed = parseS3Url('s3://my-trail/org/trail');
    const pasted = parseS3Url('s3://my-trail/org/AWSLogs/111122223333/');

    // Assess
    expect(plain).toEqual({ bucket: 'my-trail', prefix: '' });
    expect(prefixed).toEqual({ bucket: 'my-trail', prefix: 'org/trail/' });
    expect(pasted).toEqual({ bucket: 'my-trail', prefix: 'org/' });
  });

  it('rejects anything but an s3:// URL', () => {
    // Act
    const parse = () => parseS3Url('https://my-trail.s3.amazonaws.com/');

    // Assess
    expect(parse).toThrow(InvalidBackfillOptionError);
  });
});

describe('parseDateBound', () => {
  it('takes a date as the whole day and a date-time as given', () => {
    // Act
    const since = parseDateBound('2024-05-01', 'since');
    const until = parseDateBound('2024-05-01', 'until');
    const at = parseDateBound('2024-05-01T12:30+02:00', 'since');

    // Assess
    expect(new Date(since).toISOString()).toBe('2024-05-01T00:00:00.000Z');
    expect(new Date(until).toISOString()).toBe('2024-05-01T23:59:59.999Z');
    expect(new Date(at).toISOString()).toBe('2024-05-01T10:30:00.000Z');
  });

  it('rejects a date-time without a zone', () => {
    // Act
    const parse = () => parseDateBound('2024-05-01T12:30', 'until');

    // Assess
    expect(parse).toThrow('--until: expected YYYY-MM-DD or an ISO date-time');
  });
});

describe('parseRate', () => {
  it('reads objects per second, minute or hour', () => {
    // Act
    const rates = ['50', '50/s', '3000/m', '36000/h'].map(parseRate);

    // Assess
    expect(rates).toEqual([50, 50, 50, 10]);
  });

  it('rejects zero and words', () => {
    // Act
    const zero = () => parseRate('0/s');
    const word = () => parseRate('fast');

    // Assess
    expect(zero).toThrow(InvalidBackfillOptionError);
    expect(word).toThrow(InvalidBackfillOptionError);
  });
});

describe('parseAccounts and parseRegions', () => {
  it('split comma-separated and repeated values and validate them', () => {
    // Act
    const accounts = parseAccounts(['111122223333,444455556666', '111122223333']);
    const regions = parseRegions(['us-east-1', 'eu-west-1,ap-southeast-2']);
    const none = parseAccounts([]);

    // Assess
    expect(accounts).toEqual(new Set(['111122223333', '444455556666']));
    expect(regions).toEqual(new Set(['us-east-1', 'eu-west-1', 'ap-southeast-2']));
    expect(none).toBeUndefined();
    expect(() => parseAccounts(['1234'])).toThrow('not a 12-digit account id: "1234"');
    expect(() => parseRegions(['moon-base'])).toThrow('not a region name');
  });
});

describe('parseCloudTrailKey', () => {
  it('takes an organization trail key apart', () => {
    // Act
    const key = parseCloudTrailKey(
      'logs/AWSLogs/o-abcdefghij/111122223333/CloudTrail/eu-west-1/2024/05/01/111122223333_CloudTrail_eu-west-1_20240501T2355Z_0123456789abcdef.json.gz'
    );

    // Assess
    expect(key).toEqual({
      prefix: 'logs/',
      orgId: 'o-abcdefghij',
      account: '111122223333',
      kind: 'log',
      region: 'eu-west-1',
      day: '2024-05-01',
      deliveredAt: Date.parse('2024-05-01T23:55:00Z'),
    });
  });

  it('classifies Insight and Digest folders and ignores other keys', () => {
    // Act
    const insight = parseCloudTrailKey(
      'AWSLogs/111122223333/CloudTrail-Insight/us-east-1/2024/05/01/111122223333_CloudTrail-Insight_us-east-1_20240501T0000Z_0123456789abcdef.json.gz'
    );
    const other = parseCloudTrailKey('AWSLogs/111122223333/Config/us-east-1/2024/05/01/x.json.gz');

    // Assess
    expect(insight?.kind).toBe('insight');
    expect(other).toBeUndefined();
  });
});
