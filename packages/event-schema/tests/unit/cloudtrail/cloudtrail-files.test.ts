import { CloudTrailDigestSchema } from '../../../src/cloudtrail/cloudtrail-digest';
import { CloudTrailLogFileSchema } from '../../../src/cloudtrail/cloudtrail-log-file';
import { parseWith } from '../../../src/validation/parse-with';
import { loadEvent } from '../../helpers/load-event';

const digest = {
  awsAccountId: '111122223333',
  digestStartTime: '2024-05-14T08:15:00Z',
  digestEndTime: '2024-05-14T09:15:00Z',
  digestS3Bucket: 'org-cloudtrail-logs',
  digestS3Object:
    'AWSLogs/111122223333/CloudTrail-Digest/eu-west-1/2024/05/14/111122223333_CloudTrail-Digest_eu-west-1_org-trail_eu-west-1_20240514T091500Z.json.gz',
  digestPublicKeyFingerprint: '31e8b5433410dfb61a9dc45cc65b22ff',
  digestSignatureAlgorithm: 'SHA256withRSA',
  newestEventTime: '2024-05-14T09:12:31Z',
  oldestEventTime: '2024-05-14T08:20:02Z',
  previousDigestS3Bucket: null,
  previousDigestS3Object: null,
  previousDigestHashValue: null,
  previousDigestHashAlgorithm: null,
  previousDigestSignature: null,
  logFiles: [
    {
      s3Bucket: 'org-cloudtrail-logs',
      s3Object:
        'AWSLogs/111122223333/CloudTrail/eu-west-1/2024/05/14/111122223333_CloudTrail_eu-west-1_20240514T0915Z_Ab3dEf6hIj9kLm2n.json.gz',
      hashValue: '9bb6196fc6b84d6f075a56548feca262bd99ba3c2de41b618e5b6e22c1fc71f6',
      hashAlgorithm: 'SHA-256',
      newestEventTime: '2024-05-14T09:12:31Z',
      oldestEventTime: '2024-05-14T08:20:02Z',
    },
  ],
};

describe('CloudTrailLogFileSchema', () => {
  it('parses a file mixing event and Insights records', () => {
    // Prepare
    const file = {
      Records: [
        loadEvent('cloudtrail/error-access-denied.json'),
        loadEvent('cloudtrail/insight-api-call-rate-start.json'),
      ],
    };

    // Act
    const parsed = parseWith(CloudTrailLogFileSchema, file, 'log file');

    // Assess
    expect(parsed.Records.map((r) => r.eventType)).toEqual(['AwsApiCall', 'AwsCloudTrailInsight']);
  });

  it('accepts an empty Records array', () => {
    // Prepare
    const file = { Records: [] };

    // Act
    const result = CloudTrailLogFileSchema.safeParse(file);

    // Assess
    expect(result.success).toBe(true);
  });

  it('names the index of the bad record', () => {
    // Prepare
    const file = { Records: [loadEvent('cloudtrail/aws-service.json'), { eventVersion: '1.08' }] };

    // Act
    const act = () => parseWith(CloudTrailLogFileSchema, file, 'log file');

    // Assess
    expect(act).toThrow(
      /^invalid log file: Records\[1\]\.eventTime: expected string, got nothing \(missing\)/
    );
  });

  it('rejects a digest file', () => {
    // Prepare
    const file = digest;

    // Act
    const result = CloudTrailLogFileSchema.safeParse(file);

    // Assess
    expect(result.success).toBe(false);
  });
});

describe('CloudTrailDigestSchema', () => {
  it('parses the first digest of a trail (no previous digest)', () => {
    // Prepare
    const file = digest;

    // Act
    const parsed = parseWith(CloudTrailDigestSchema, file, 'digest');

    // Assess
    expect(parsed.logFiles).toHaveLength(1);
    expect(parsed.previousDigestSignature).toBeNull();
  });

  it('parses a digest of an hour without events', () => {
    // Prepare
    const file = { ...digest, newestEventTime: null, oldestEventTime: null, logFiles: [] };

    // Act
    const result = CloudTrailDigestSchema.safeParse(file);

    // Assess
    expect(result.success).toBe(true);
  });

  it('rejects a log file', () => {
    // Prepare
    const file = { Records: [] };

    // Act
    const result = CloudTrailDigestSchema.safeParse(file);

    // Assess
    expect(result.success).toBe(false);
  });
});
