import {
  CloudTrailSnsNoticeMessageSchema,
  CloudTrailSnsNoticeSnsEventSchema,
  CloudTrailSnsNoticeSqsEventSchema,
} from '../../../src/triggers/cloudtrail-sns-notice';
import { parseWith } from '../../../src/validation/parse-with';
import { loadEvent } from '../../helpers/load-event';

describe('CloudTrailSnsNoticeSqsEventSchema', () => {
  it('reads the notice from a raw body and from an SNS-wrapped body alike', () => {
    // Prepare
    const event = loadEvent('cloudtrail-sns/sqs-raw-and-wrapped-notices.json');

    // Act
    const parsed = parseWith(CloudTrailSnsNoticeSqsEventSchema, event, 'CloudTrail notice event');

    // Assess
    const [raw, wrapped] = parsed.Records.map((r) => r.body);
    expect(raw).toEqual(wrapped);
    expect(raw?.s3Bucket).toBe('org-cloudtrail-logs');
    expect(raw?.s3ObjectKey).toHaveLength(2);
  });

  it('rejects a notice without object keys', () => {
    // Prepare
    const message = { s3Bucket: 'org-cloudtrail-logs', s3ObjectKey: [] };

    // Act
    const act = () => parseWith(CloudTrailSnsNoticeMessageSchema, message, 'CloudTrail notice');

    // Assess
    expect(act).toThrow('s3ObjectKey: expected >= 1 item(s), got an array of 0 item(s)');
  });
});

describe('CloudTrailSnsNoticeSnsEventSchema', () => {
  it('parses the notice inside an SNS-triggered event', () => {
    // Prepare
    const event = loadEvent('cloudtrail-sns/sns-notice.json');

    // Act
    const parsed = parseWith(CloudTrailSnsNoticeSnsEventSchema, event, 'SNS event');

    // Assess
    expect(parsed.Records[0]?.Sns.Message.s3ObjectKey[0]).toMatch(/_CloudTrail_eu-west-1_/);
  });
});
