import {
  decodeS3Key,
  isS3TestEvent,
  S3NotificationMessageSchema,
  S3NotificationSchema,
} from '../../../src/triggers/s3-notification';
import { S3NotificationSqsEventSchema } from '../../../src/triggers/s3-notification-sqs';
import { S3ObjectCreatedEventSchema } from '../../../src/triggers/s3-object-created';
import { parseWith } from '../../../src/validation/parse-with';
import { loadEvent } from '../../helpers/load-event';

describe('decodeS3Key', () => {
  it.each([
    ['my+file.json', 'my file.json'],
    ['a%2Bb%3Ac', 'a+b:c'],
    ['caf%C3%A9+%281%29.json.gz', 'café (1).json.gz'],
    [
      'AWSLogs/111122223333/CloudTrail/eu-west-1/x.json.gz',
      'AWSLogs/111122223333/CloudTrail/eu-west-1/x.json.gz',
    ],
  ])('decodes %s', (encoded, decoded) => {
    // Prepare
    const key = encoded;

    // Act
    const result = decodeS3Key(key);

    // Assess
    expect(result).toBe(decoded);
  });
});

describe('S3NotificationSchema', () => {
  it('decodes URL-encoded keys into urlDecodedKey and accepts IPv6 requesters', () => {
    // Prepare
    const event = loadEvent('s3/notification-url-encoded-key.json');

    // Act
    const parsed = parseWith(S3NotificationSchema, event, 'S3 notification');

    // Assess
    const [first] = parsed.Records;
    expect(first?.s3.object.key).toBe('backfill/2024+05/team+a%2Fb/log%3A1+%2B+copy.json.gz');
    expect(first?.s3.object.urlDecodedKey).toBe('backfill/2024 05/team a/b/log:1 + copy.json.gz');
    expect(first?.requestParameters.sourceIPAddress).toBe('2001:db8::7');
  });

  it('rejects a key with a malformed escape, naming the key', () => {
    // Prepare
    const event = loadEvent('s3/notification-url-encoded-key.json') as {
      Records: { s3: { object: { key: string } } }[];
    };
    const [first] = event.Records;
    if (first) first.s3.object.key = 'bad%E0%A4%A.json';

    // Act
    const act = () => parseWith(S3NotificationSchema, event, 'S3 notification');

    // Assess
    expect(act).toThrow('Records[0].s3.object.key: expected a URL-encoded S3 key, got "bad%E0%A4%A.json"');
  });

  it('rejects an empty Records array', () => {
    // Prepare
    const event = { Records: [] };

    // Act
    const result = S3NotificationSchema.safeParse(event);

    // Assess
    expect(result.success).toBe(false);
  });
});

describe('S3NotificationMessageSchema', () => {
  it('recognises the s3:TestEvent', () => {
    // Prepare
    const message = loadEvent('s3/test-event.json');

    // Act
    const parsed = parseWith(S3NotificationMessageSchema, message, 'S3 message');

    // Assess
    expect(isS3TestEvent(parsed)).toBe(true);
  });
});

describe('S3NotificationSqsEventSchema', () => {
  it('parses SQS bodies into notifications and test events', () => {
    // Prepare
    const event = loadEvent('s3/sqs-notification-and-test-event.json');

    // Act
    const parsed = parseWith(S3NotificationSqsEventSchema, event, 'S3 via SQS event');

    // Assess
    const [notification, test] = parsed.Records.map((r) => r.body);
    if (!notification || isS3TestEvent(notification)) throw new Error('expected a notification first');
    expect(notification.Records[0]?.s3.bucket.name).toBe('org-cloudtrail-logs');
    expect(test && isS3TestEvent(test)).toBe(true);
  });

  it('reports a body that is not JSON', () => {
    // Prepare
    const event = loadEvent('s3/sqs-notification-and-test-event.json') as { Records: { body: string }[] };
    const [first] = event.Records;
    if (first) first.body = 'not json';

    // Act
    const act = () => parseWith(S3NotificationSqsEventSchema, event, 'S3 via SQS event');

    // Assess
    expect(act).toThrow(/Records\[0\]\.body: invalid JSON/);
  });
});

describe('S3ObjectCreatedEventSchema', () => {
  it('parses an EventBridge Object Created event with an IPv6 requester', () => {
    // Prepare
    const event = loadEvent('s3/eventbridge-object-created.json');

    // Act
    const parsed = parseWith(S3ObjectCreatedEventSchema, event, 'Object Created event');

    // Assess
    expect(parsed.detail.object.key).toMatch(/^AWSLogs\//);
    expect(parsed.detail['source-ip-address']).toBe('2001:db8::7');
  });

  it('rejects another S3 detail-type', () => {
    // Prepare
    const event = {
      ...(loadEvent('s3/eventbridge-object-created.json') as object),
      'detail-type': 'Object Deleted',
    };

    // Act
    const act = () => parseWith(S3ObjectCreatedEventSchema, event, 'Object Created event');

    // Assess
    expect(act).toThrow('["detail-type"]: expected "Object Created", got "Object Deleted"');
  });
});
