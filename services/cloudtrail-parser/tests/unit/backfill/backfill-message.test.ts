import { S3NotificationSchema } from '@vigil/event-schema';
import { BACKFILL_ORIGIN, buildBackfillMessage } from '../../../src/core/backfill/backfill-message';
import { extractLogObjects } from '../../../src/core/triggers/extract-log-objects';

const KEY =
  'team a/AWSLogs/111122223333/CloudTrail/us-east-1/2024/05/01/111122223333_CloudTrail_us-east-1_20240501T1205Z_AbCdEfGh12345678.json.gz';

describe('buildBackfillMessage', () => {
  it('is an S3 notification the parser reads like one from S3, marked as a backfill', () => {
    // Prepare
    const now = new Date('2024-06-01T10:00:00Z');

    // Act
    const message = buildBackfillMessage(
      { key: KEY, size: 1234, etag: '"abc"' },
      { bucket: 'trail', region: 'eu-west-1', now }
    );
    const body: unknown = JSON.parse(message.body);

    // Assess
    const parsed = S3NotificationSchema.parse(body);
    expect(parsed.Records[0]).toMatchObject({
      eventName: 'ObjectCreated:Put',
      eventSource: 'aws:s3',
      awsRegion: 'eu-west-1',
      eventTime: '2024-06-01T10:00:00.000Z',
      s3: {
        bucket: { name: 'trail', arn: 'arn:aws:s3:::trail' },
        object: { size: 1234, eTag: 'abc', urlDecodedKey: KEY },
      },
    });
    expect(parsed.Records[0]?.s3.object.key.startsWith('team+a/AWSLogs/')).toBe(true);
    expect(extractLogObjects(body).objects).toEqual([
      { bucket: 'trail', key: KEY, kind: 'log', etag: 'abc', size: 1234, isBackfill: true },
    ]);
    expect(body).toMatchObject({ vigilOrigin: BACKFILL_ORIGIN });
    expect(message.attributes).toEqual({ vigilOrigin: 'backfill' });
  });

  it('is the same for the same object, and carries the alert topic when given', () => {
    // Prepare
    const context = { bucket: 'trail', region: 'us-east-1', now: new Date(0) };
    const topic = 'arn:aws:sns:us-east-1:111122223333:vigil-dev-backfill-alerts';

    // Act
    const first = buildBackfillMessage({ key: KEY, size: 1 }, context);
    const again = buildBackfillMessage({ key: KEY, size: 1 }, context);
    const routed = buildBackfillMessage({ key: KEY, size: 1 }, { ...context, alertTopicArn: topic });

    // Assess
    expect(again.body).toBe(first.body);
    expect(JSON.parse(routed.body)).toMatchObject({ vigilAlertTopicArn: topic });
    expect(routed.attributes.vigilAlertTopicArn).toBe(topic);
  });
});
