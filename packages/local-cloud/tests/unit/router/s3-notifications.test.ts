import { dispatchesFor, s3EventBridgeEntry, s3NotificationEvent } from '../../../src/router/s3-notifications';

const config = {
  QueueConfigurations: [
    {
      Id: 'json',
      QueueArn: 'arn:q',
      Events: ['s3:ObjectCreated:*'],
      Filter: {
        Key: {
          FilterRules: [
            { Name: 'prefix', Value: 'in/' },
            { Name: 'suffix', Value: '.json' },
          ],
        },
      },
    },
  ],
  LambdaFunctionConfigurations: [{ LambdaFunctionArn: 'arn:fn', Events: ['s3:ObjectRemoved:*'] }],
  EventBridgeConfiguration: {},
};

describe('dispatchesFor', () => {
  it('applies event types and key filters', () => {
    // Act
    const created = dispatchesFor(config, { key: 'in/a.json', status: 'uploaded' });
    const filteredOut = dispatchesFor(config, { key: 'in/a.txt', status: 'uploaded' });
    const deleted = dispatchesFor(config, { key: 'in/a.json', status: 'deleted' });

    // Assess
    expect(created.map((d) => d.kind)).toEqual(['queue', 'eventbridge']);
    expect(filteredOut.map((d) => d.kind)).toEqual(['eventbridge']);
    expect(deleted.map((d) => d.kind)).toEqual(['lambda', 'eventbridge']);
  });
});

describe('s3NotificationEvent', () => {
  it('builds an eventVersion 2.1 record with the key URL-encoded', () => {
    // Prepare
    const change = {
      type: 's3' as const,
      bucket: 'b',
      key: 'in/a b.json',
      status: 'uploaded' as const,
      at: Date.parse('2024-01-01T00:00:00Z'),
    };

    // Act
    const event = s3NotificationEvent(
      change,
      { size: 5, eTag: 'abc', sequencer: '01' },
      { region: 'us-east-1', configurationId: 'json' }
    );

    // Assess
    expect(event.Records[0]).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      eventName: 'ObjectCreated:Put',
      eventTime: '2024-01-01T00:00:00.000Z',
      s3: {
        configurationId: 'json',
        bucket: { name: 'b', arn: 'arn:aws:s3:::b' },
        object: { key: 'in/a+b.json', size: 5, eTag: 'abc' },
      },
    });
  });
});

describe('s3EventBridgeEntry', () => {
  it('sends Object Created from aws.s3 with the raw key', () => {
    // Prepare
    const change = {
      type: 's3' as const,
      bucket: 'b',
      key: 'in/a b.json',
      status: 'uploaded' as const,
      at: 0,
    };

    // Act
    const entry = s3EventBridgeEntry(change, { size: 5, eTag: 'abc', sequencer: '01' }, '000000000000');

    // Assess
    expect(entry).toMatchObject({
      Source: 'aws.s3',
      DetailType: 'Object Created',
      Resources: ['arn:aws:s3:::b'],
    });
    expect(JSON.parse(entry.Detail)).toMatchObject({
      bucket: { name: 'b' },
      object: { key: 'in/a b.json', size: 5, etag: 'abc' },
      reason: 'PutObject',
    });
  });
});
