import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describeCorpus, loadJson } from '@vigil/lambda-kit/testing';
import { extractLogObjects } from '../../../src/core/triggers/extract-log-objects';
import { classifyLogObjectKey, logObjectIdentity } from '../../../src/core/triggers/log-object-ref';
import { PermanentCloudTrailParserError } from '../../../src/errors';

const events = path.resolve(__dirname, '../../events');
const fixture = (name: string): unknown => loadJson(path.join(events, name));

describe('extractLogObjects', () => {
  it('decodes URL-encoded keys of S3 notifications and skips digests, keeping Insights files', () => {
    // Prepare
    const notification = fixture('s3/cloudtrail-objects-created.json');

    // Act
    const result = extractLogObjects(notification);

    // Assess
    expect(result.form).toBe('s3-notification');
    expect(result.objects.map((ref) => [ref.kind, ref.key])).toEqual([
      [
        'log',
        'org trail/AWSLogs/o-abc123/111122223333/CloudTrail/eu-west-1/2024/07/31/111122223333_CloudTrail_eu-west-1_20240731T1305Z_Ab+12cdEF34gh.json.gz',
      ],
      [
        'insight',
        'org trail/AWSLogs/o-abc123/111122223333/CloudTrail-Insight/eu-west-1/2024/07/31/111122223333_CloudTrail-Insight_eu-west-1_20240731T1305Z_x1.json.gz',
      ],
    ]);
    expect(result.objects[0]).toMatchObject({
      bucket: 'org-trail-logs',
      versionId: '3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY',
      etag: '0cc175b9c0f1b6a831c399e269772661',
      size: 2048,
    });
    expect(result.digests).toHaveLength(1);
  });

  it('announces nothing for the S3 test event', () => {
    // Prepare
    const testEvent = fixture('s3/test-event.json');

    // Act
    const result = extractLogObjects(testEvent);

    // Assess
    expect(result).toEqual({ form: 's3-test-event', objects: [], digests: [] });
  });

  it('ignores object-removed notifications', () => {
    // Prepare
    const removed = fixture('s3/object-removed.json');

    // Act
    const result = extractLogObjects(removed);

    // Assess
    expect(result.objects).toEqual([]);
  });

  it('reads the CloudTrail SNS notice raw and inside an SNS envelope alike', () => {
    // Prepare
    const raw = fixture('sns/cloudtrail-notice-raw.json');
    const wrapped = fixture('sns/cloudtrail-notice-envelope.json');

    // Act
    const fromRaw = extractLogObjects(raw);
    const fromEnvelope = extractLogObjects(wrapped);

    // Assess
    expect(fromRaw.form).toBe('cloudtrail-sns-notice');
    expect(fromRaw.objects.map((ref) => path.basename(ref.key))).toEqual([
      '111122223333_CloudTrail_us-east-1_20240731T1305Z_a1.json.gz',
      '111122223333_CloudTrail_us-east-1_20240731T1305Z_b2.json.gz',
    ]);
    expect(fromRaw.digests).toHaveLength(1);
    expect(fromEnvelope).toEqual(fromRaw);
  });

  it('takes EventBridge Object Created keys as they are and unquotes the ETag', () => {
    // Prepare
    const event = fixture('eventbridge/object-created.json');

    // Act
    const result = extractLogObjects(event);

    // Assess
    expect(result.form).toBe('eventbridge-object-created');
    expect(result.objects).toEqual([
      {
        bucket: 'org-trail-logs',
        key: 'AWSLogs/111122223333/CloudTrail/eu-west-1/2024/07/31/111122223333_CloudTrail_eu-west-1_20240731T1305Z_Ab+12cd EF.json.gz',
        versionId: 'IYV3p45BT0ac8hjHg1houSdS1a.Mro8e',
        etag: 'd41d8cd98f00b204e9800998ecf8427e',
        size: 4242,
        kind: 'log',
      },
    ]);
  });

  it.each([
    ['a string', 'hello'],
    ['an unknown object', { hello: 'world' }],
    ['a notice without keys', { s3Bucket: 'b', s3ObjectKey: [] }],
    ['an SNS envelope of garbage', { Type: 'Notification', Message: 'not json' }],
  ])('refuses %s with a permanent, readable error', (_name, body) => {
    // Act
    const act = () => extractLogObjects(body);

    // Assess
    expect(act).toThrow(PermanentCloudTrailParserError);
    expect(act).toThrow(/unrecognised log-file trigger/);
  });
});

describe('classifyLogObjectKey', () => {
  it.each([
    ['AWSLogs/1/CloudTrail/us-east-1/2024/01/01/x.json.gz', 'log'],
    ['p/AWSLogs/1/CloudTrail-Digest/us-east-1/2024/01/01/x.json.gz', 'digest'],
    ['AWSLogs/1/CloudTrail-Insight/us-east-1/2024/01/01/x.json.gz', 'insight'],
  ])('classifies %s as %s', (key, kind) => {
    // Act
    const result = classifyLogObjectKey(key);

    // Assess
    expect(result).toBe(kind);
  });
});

describe('logObjectIdentity', () => {
  it('prefers the version id, then the ETag', () => {
    // Act
    const ids = [
      logObjectIdentity({ bucket: 'b', key: 'k', versionId: 'v', etag: 'e' }),
      logObjectIdentity({ bucket: 'b', key: 'k', etag: 'e' }),
      logObjectIdentity({ bucket: 'b', key: 'k' }),
    ];

    // Assess
    expect(ids).toEqual(['b/k/v', 'b/k/e', 'b/k']);
  });
});

describeCorpus('extractLogObjects on powertools trigger samples', (corpora) => {
  const dir = path.join(corpora, 'powertools-ts-events');
  const read = (name: string): unknown => JSON.parse(readFileSync(path.join(dir, name), 'utf8'));

  it('reads every S3 sample, decoding the URL-encoded key', () => {
    // Prepare
    const samples = readdirSync(dir).filter((name) => /^s3__(base|decoded-key)\.json$/.test(name));

    // Act
    const keys = samples.flatMap((name) => extractLogObjects(read(name)).objects.map((ref) => ref.key));

    // Assess
    expect(keys).toEqual(expect.arrayContaining(['b21b84d653bb07b05b1e6b33684dc11b', 'Happy Face.jpg']));
  });

  it('reads the S3 notification inside the SQS sample body', () => {
    // Prepare
    const event = read('s3__sqs-event.json') as { Records: { body: string }[] };

    // Act
    const refs = event.Records.flatMap((record) => extractLogObjects(JSON.parse(record.body)).objects);

    // Assess
    expect(refs).toEqual([
      expect.objectContaining({
        bucket: 'xxx',
        key: 'test.pdf',
        versionId: 'yd3d4HaWOT2zguDLvIQLU6ptDTwKBnQV',
      }),
    ]);
  });

  it('reads the EventBridge Object Created sample', () => {
    // Act
    const result = extractLogObjects(read('s3__eventbridge-object-created.json'));

    // Assess
    expect(result.objects).toEqual([
      expect.objectContaining({ bucket: 'example-bucket', key: 'IMG_m7fzo3.jpg', size: 184662 }),
    ]);
  });
});
