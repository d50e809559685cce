import { DynamoDbStreamEventSchema } from '../../src/triggers/dynamodb-stream';
import { EventBridgeEventSchema } from '../../src/triggers/eventbridge-envelope';
import { isS3TestEvent, S3NotificationSchema } from '../../src/triggers/s3-notification';
import { S3NotificationSqsEventSchema } from '../../src/triggers/s3-notification-sqs';
import { S3ObjectCreatedEventSchema } from '../../src/triggers/s3-object-created';
import { SnsEventSchema } from '../../src/triggers/sns-envelope';
import { SqsEventSchema } from '../../src/triggers/sqs-envelope';
import { parseWith } from '../../src/validation/parse-with';
import { describeCorpus, readCorpusJson } from '../helpers/corpora';

const dir = 'powertools-ts-events';

describeCorpus('powertools-ts-events trigger envelopes', () => {
  it('decodes the URL-encoded key of s3__decoded-key.json', () => {
    // Prepare
    const event = readCorpusJson(dir, 's3__decoded-key.json');

    // Act
    const parsed = parseWith(S3NotificationSchema, event, 's3__decoded-key.json');

    // Assess
    expect(parsed.Records[0]?.s3.object.key).toBe('Happy%20Face.jpg');
    expect(parsed.Records[0]?.s3.object.urlDecodedKey).toBe('Happy Face.jpg');
  });

  it('parses s3__base.json', () => {
    // Prepare
    const event = readCorpusJson(dir, 's3__base.json');

    // Act
    const parsed = parseWith(S3NotificationSchema, event, 's3__base.json');

    // Assess
    expect(parsed.Records[0]?.s3.object.urlDecodedKey).toBe('b21b84d653bb07b05b1e6b33684dc11b');
  });

  it('parses the S3 notification inside s3__sqs-event.json', () => {
    // Prepare
    const event = readCorpusJson(dir, 's3__sqs-event.json');

    // Act
    const parsed = parseWith(S3NotificationSqsEventSchema, event, 's3__sqs-event.json');

    // Assess
    const body = parsed.Records[0]?.body;
    if (!body || isS3TestEvent(body)) throw new Error('expected an S3 notification body');
    expect(body.Records[0]?.s3.object.urlDecodedKey).toBe('test.pdf');
  });

  it('parses s3__eventbridge-object-created.json', () => {
    // Prepare
    const event = readCorpusJson(dir, 's3__eventbridge-object-created.json');

    // Act
    const parsed = parseWith(S3ObjectCreatedEventSchema, event, 's3__eventbridge-object-created.json');

    // Assess
    expect(parsed.detail.bucket.name).toBe('example-bucket');
  });

  it.each([
    ['eventbridge__base.json', EventBridgeEventSchema],
    ['sns__base.json', SnsEventSchema],
    ['sqs__base.json', SqsEventSchema],
    ['dynamodb__base.json', DynamoDbStreamEventSchema],
  ] as const)('parses %s', (file, schema) => {
    // Prepare
    const event = readCorpusJson(dir, file);

    // Act
    const result = schema.safeParse(event);

    // Assess
    expect(result.error).toBeUndefined();
  });

  it('unmarshalls the DynamoDB stream images', () => {
    // Prepare
    const event = readCorpusJson(dir, 'dynamodb__base.json');

    // Act
    const parsed = parseWith(DynamoDbStreamEventSchema, event, 'dynamodb__base.json');

    // Assess
    expect(parsed.Records[0]?.dynamodb.NewImage).toEqual({ Message: 'New item!', Id: 101 });
  });
});
