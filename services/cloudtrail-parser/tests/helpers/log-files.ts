import { gzipSync } from 'node:zlib';

/** A gzipped CloudTrail log file (`{"Records":[...]}`); `raw` items are inserted as they are (bad records). */
export function gzipLog(records: readonly Record<string, unknown>[], raw: readonly string[] = []): Buffer {
  const items = [...records.map((record) => JSON.stringify(record)), ...raw];
  return gzipSync(Buffer.from(`{"Records":[${items.join(',')}]}`));
}

/** The SQS message body S3 sends for one created object (key URL-encoded as S3 does). */
export function s3NotificationBody(bucket: string, key: string, size = 1024): string {
  return JSON.stringify({
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'us-east-1',
        eventTime: '2024-07-31T13:06:24.120Z',
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:AROAEXAMPLE:regionalDeliverySession' },
        requestParameters: { sourceIPAddress: '203.0.113.9' },
        responseElements: {
          'x-amz-request-id': 'C3D13FE58DE4C810',
          'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQ',
        },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'vigil',
          bucket: {
            name: bucket,
            ownerIdentity: { principalId: 'A3NL1KOZZKExample' },
            arn: `arn:aws:s3:::${bucket}`,
          },
          object: {
            key: encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+'),
            size,
            eTag: 'abc123',
            sequencer: '01',
          },
        },
      },
    ],
  });
}

/** An SQS event of the given bodies. */
export function sqsEvent(bodies: readonly string[]) {
  return {
    Records: bodies.map((body, index) => ({
      messageId: `00000000-0000-4000-8000-00000000000${index}`,
      receiptHandle: `handle-${index}`,
      body,
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '1722431184000',
        SenderId: 'AIDAEXAMPLE',
        ApproximateFirstReceiveTimestamp: '1722431184000',
      },
      messageAttributes: {},
      md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
      eventSource: 'aws:sqs' as const,
      eventSourceARN: 'arn:aws:sqs:us-east-1:111122223333:vigil-test-cloudtrail-log-files',
      awsRegion: 'us-east-1',
    })),
  };
}
