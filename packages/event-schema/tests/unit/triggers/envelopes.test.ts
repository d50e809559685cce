import { z } from 'zod';
import {
  CloudTrailApiCallEventSchema,
  CloudTrailConsoleSignInEventSchema,
  CloudTrailRealtimeEventSchema,
} from '../../../src/triggers/cloudtrail-api-call';
import { DynamoDbStreamEventSchema } from '../../../src/triggers/dynamodb-stream';
import { EventBridgeEnvelopeSchema, eventBridgeEnvelope } from '../../../src/triggers/eventbridge-envelope';
import { snsEnvelope } from '../../../src/triggers/sns-envelope';
import { sqsEnvelope } from '../../../src/triggers/sqs-envelope';
import { parseWith } from '../../../src/validation/parse-with';
import { loadEvent } from '../../helpers/load-event';

describe('EventBridgeEnvelopeSchema', () => {
  const OrderSchema = EventBridgeEnvelopeSchema(z.object({ order_id: z.string() }));

  it('types and validates the detail', () => {
    // Prepare
    const event = loadEvent('vigil/order-placed-workflow-event.json');

    // Act
    const parsed = parseWith(OrderSchema, event, 'order event');

    // Assess
    expect(parsed.detail.order_id).toBe('o-12345');
    expect(parsed['detail-type']).toBe('Order Placed');
  });

  it('reports a bad detail with its path', () => {
    // Prepare
    const event = {
      ...(loadEvent('vigil/order-placed-workflow-event.json') as object),
      detail: { order_id: 7 },
    };

    // Act
    const act = () =>
      parseWith(eventBridgeEnvelope(z.object({ order_id: z.string() })), event, 'order event');

    // Assess
    expect(act).toThrow('detail.order_id: expected string, got 7');
  });
});

describe('CloudTrailApiCallEventSchema', () => {
  it('parses an AWS API Call via CloudTrail event with the record schema', () => {
    // Prepare
    const event = loadEvent('eventbridge/aws-api-call-via-cloudtrail.json');

    // Act
    const parsed = parseWith(CloudTrailApiCallEventSchema, event, 'API call event');

    // Assess
    expect(parsed.detail.eventName).toBe('StopLogging');
    expect(parsed.detail.userIdentity.sessionContext?.sourceIdentity).toBe('alice@example.com');
  });

  it('parses console sign-ins through the real-time union', () => {
    // Prepare
    const event = loadEvent('eventbridge/aws-console-sign-in-via-cloudtrail.json');

    // Act
    const parsed = parseWith(CloudTrailRealtimeEventSchema, event, 'CloudTrail event');

    // Assess
    expect(parsed['detail-type']).toBe('AWS Console Sign In via CloudTrail');
    expect(CloudTrailConsoleSignInEventSchema.safeParse(event).success).toBe(true);
    expect(CloudTrailApiCallEventSchema.safeParse(event).success).toBe(false);
  });
});

describe('sqsEnvelope and snsEnvelope', () => {
  it('parse JSON bodies and messages with the given schema', () => {
    // Prepare
    const notice = loadEvent('cloudtrail-sns/sqs-raw-and-wrapped-notices.json') as { Records: unknown[] };
    const sqsEvent = { Records: notice.Records.slice(0, 1) };
    const snsEvent = loadEvent('cloudtrail-sns/sns-notice.json');
    const NoticeSchema = z.object({ s3Bucket: z.string() });

    // Act
    const sqs = parseWith(sqsEnvelope(NoticeSchema), sqsEvent, 'SQS event');
    const sns = parseWith(snsEnvelope(NoticeSchema), snsEvent, 'SNS event');

    // Assess
    expect(sqs.Records[0]?.body.s3Bucket).toBe('org-cloudtrail-logs');
    expect(sns.Records[0]?.Sns.Message.s3Bucket).toBe('org-cloudtrail-logs');
  });
});

describe('DynamoDbStreamEventSchema', () => {
  it('unmarshalls the images of a findings table record', () => {
    // Prepare
    const event = {
      Records: [
        {
          eventID: 'c4ca4238a0b923820dcc509a6f75849b',
          eventName: 'INSERT',
          eventVersion: '1.1',
          eventSource: 'aws:dynamodb',
          awsRegion: 'eu-west-1',
          eventSourceARN:
            'arn:aws:dynamodb:eu-west-1:111122223333:table/vigil-dev-findings/stream/2024-05-14T09:00:00.000',
          dynamodb: {
            ApproximateCreationDateTime: 1715677570,
            Keys: { pk: { S: 'i-0a1b2c3d4e5f67890' }, sk: { S: 'guardduty#a2c7e6b4' } },
            NewImage: {
              pk: { S: 'i-0a1b2c3d4e5f67890' },
              sk: { S: 'guardduty#a2c7e6b4' },
              ttl: { N: '1718269570' },
            },
            SequenceNumber: '111',
            SizeBytes: 96,
            StreamViewType: 'NEW_IMAGE',
          },
        },
      ],
    };

    // Act
    const parsed = parseWith(DynamoDbStreamEventSchema, event, 'stream event');

    // Assess
    expect(parsed.Records[0]?.dynamodb.NewImage).toEqual({
      pk: 'i-0a1b2c3d4e5f67890',
      sk: 'guardduty#a2c7e6b4',
      ttl: 1718269570,
    });
  });
});
