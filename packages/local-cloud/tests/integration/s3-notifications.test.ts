import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { type LocalCloud, startLocalCloud } from '../../src/index';
import {
  clientConfig,
  eventually,
  FIXTURE_SERVICE,
  receiveMessages,
  recordingFunction,
} from '../helpers/fixture';

const BUCKET = 'fixture-dev-uploads';

describe('S3 notifications', () => {
  const onUpload = recordingFunction();
  let cloud: LocalCloud;
  let s3: S3Client;
  let sqs: SQSClient;

  beforeAll(async () => {
    cloud = await startLocalCloud({
      services: [FIXTURE_SERVICE],
      functions: { 'fixture-dev-onUpload': onUpload.handler },
    });
    s3 = new S3Client({ ...clientConfig(cloud, cloud.endpoints.s3), forcePathStyle: true });
    sqs = new SQSClient(clientConfig(cloud, cloud.endpoints.sqs));
  }, 60_000);

  afterAll(async () => {
    s3.destroy();
    sqs.destroy();
    await cloud.stop();
  });

  it('sends an object-created record to the queue of a matching QueueConfiguration', async () => {
    // Prepare
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'fixture-dev-uploads' }));

    // Act
    await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'incoming/a b.json', Body: '{"hello":"world"}' })
    );
    await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'incoming/skipped.txt', Body: 'suffix does not match' })
    );

    // Assess
    const messages = await receiveMessages(sqs, QueueUrl ?? '', 1);
    expect(messages).toHaveLength(1);
    const body = JSON.parse(messages[0]?.Body ?? '{}');
    expect(body).toEqual({
      Records: [
        {
          eventVersion: '2.1',
          eventSource: 'aws:s3',
          awsRegion: 'us-east-1',
          eventTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
          eventName: 'ObjectCreated:Put',
          userIdentity: { principalId: expect.any(String) },
          requestParameters: { sourceIPAddress: '127.0.0.1' },
          responseElements: { 'x-amz-request-id': expect.any(String), 'x-amz-id-2': expect.any(String) },
          s3: {
            s3SchemaVersion: '1.0',
            configurationId: expect.any(String),
            bucket: {
              name: BUCKET,
              ownerIdentity: { principalId: expect.any(String) },
              arn: `arn:aws:s3:::${BUCKET}`,
            },
            object: {
              key: 'incoming/a+b.json',
              size: 17,
              eTag: expect.stringMatching(/^[0-9a-f]{32}$/),
              sequencer: expect.any(String),
            },
          },
        },
      ],
    });
    expect((await receiveMessages(sqs, QueueUrl ?? '', 1, 1500)).length).toBe(0);
  });

  it('invokes the function of a serverless s3 event with the prefix rule', async () => {
    // Act
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'lambda/report.csv', Body: 'a,b' }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'other/report.csv', Body: 'a,b' }));
    await cloud.router.settled();

    // Assess
    const keys = onUpload.events.map(
      (e) => (e as { Records: { s3: { object: { key: string } } }[] }).Records[0]?.s3.object.key
    );
    expect(keys).toEqual(['lambda/report.csv']);
  });

  it('sends Object Created to EventBridge when the bucket enables it', async () => {
    // Prepare
    cloud.router.eventBridge.putRule({
      Name: 's3-created',
      EventPattern: JSON.stringify({ source: ['aws.s3'], 'detail-type': ['Object Created'] }),
    });
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'fixture-dev-routed' }));
    cloud.router.eventBridge.putTargets('s3-created', undefined, [
      { Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:fixture-dev-routed' },
    ]);

    // Act
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'eb/object.bin', Body: 'xyz' }));
    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'eb/object.bin' }));

    // Assess: earlier tests' objects may still be on their way through the router: pick this object's event
    const seen: Record<string, unknown>[] = [];
    const event = await eventually(async () => {
      const received = await receiveMessages(sqs, QueueUrl ?? '', 10, 2000);
      seen.push(...received.map((message) => JSON.parse(message.Body ?? '{}') as Record<string, unknown>));
      const mine = seen.find(
        (each) => (each.detail as { object?: { key?: string } } | undefined)?.object?.key === 'eb/object.bin'
      );
      expect(mine).toBeDefined();
      return mine;
    });
    expect(event).toMatchObject({
      version: '0',
      source: 'aws.s3',
      'detail-type': 'Object Created',
      account: '000000000000',
      region: 'us-east-1',
      resources: [`arn:aws:s3:::${BUCKET}`],
      detail: { bucket: { name: BUCKET }, object: { key: 'eb/object.bin', size: 3 }, reason: 'PutObject' },
    });
  });
});
