import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { type LambdaLike, type LocalCloud, startLocalCloud } from '../../src/index';
import { clientConfig, eventually, FIXTURE_SERVICE, recordingFunction } from '../helpers/fixture';

const TABLE = 'fixture-dev-items';

describe('DynamoDB Local', () => {
  const onItemChange = recordingFunction();
  // Mutable: the router looks functions up at delivery time, so a test can add one.
  const functions: Record<string, LambdaLike> = { 'fixture-dev-onItemChange': onItemChange.handler };
  let cloud: LocalCloud;
  let dynamodb: DynamoDBClient;

  beforeAll(async () => {
    cloud = await startLocalCloud({ services: [FIXTURE_SERVICE], functions });
    dynamodb = new DynamoDBClient(clientConfig(cloud, cloud.endpoints.dynamodb));
  }, 60_000);

  afterAll(async () => {
    dynamodb.destroy();
    await cloud.stop();
  });

  it('creates the table from serverless.yml and serves put, get and a GSI query', async () => {
    // Prepare
    const item = { pk: { S: 'p#1' }, sk: { S: 's#1' }, itemId: { S: 'item-1' }, n: { N: '7' } };

    // Act
    await dynamodb.send(new PutItemCommand({ TableName: TABLE, Item: item }));
    const got = await dynamodb.send(
      new GetItemCommand({ TableName: TABLE, Key: { pk: item.pk, sk: item.sk } })
    );
    const queried = await dynamodb.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: 'byItemId',
        KeyConditionExpression: 'itemId = :id',
        ExpressionAttributeValues: { ':id': { S: 'item-1' } },
      })
    );

    // Assess
    expect(got.Item).toEqual(item);
    expect(queried.Items).toEqual([item]);
  });

  it('delivers stream records to the function in the Lambda event shape', async () => {
    // Prepare
    const key = { pk: { S: 'p#stream' }, sk: { S: 's#1' } };

    // Act
    await dynamodb.send(
      new PutItemCommand({ TableName: TABLE, Item: { ...key, itemId: { S: 'i-s' }, v: { N: '1' } } })
    );
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: TABLE,
        Key: key,
        UpdateExpression: 'SET v = :v',
        ExpressionAttributeValues: { ':v': { N: '2' } },
      })
    );

    // Assess
    const records = await eventually(() => {
      const all = onItemChange.events.flatMap(
        (event) => (event as { Records: Record<string, unknown>[] }).Records
      );
      const mine = all.filter(
        (r) => (r.dynamodb as { Keys: { pk: { S: string } } }).Keys.pk.S === 'p#stream'
      );
      expect(mine).toHaveLength(2);
      return mine;
    });
    expect(records.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY']);
    expect(records[1]).toEqual({
      eventID: expect.any(String),
      eventName: 'MODIFY',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      eventSourceARN: expect.stringMatching(
        /^arn:aws:dynamodb:[^:]+:000000000000:table\/fixture-dev-items\/stream\//
      ),
      dynamodb: {
        ApproximateCreationDateTime: expect.any(Number),
        Keys: key,
        NewImage: { ...key, itemId: { S: 'i-s' }, v: { N: '2' } },
        OldImage: { ...key, itemId: { S: 'i-s' }, v: { N: '1' } },
        SequenceNumber: expect.any(String),
        SizeBytes: expect.any(Number),
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
  });

  it("keeps delivering a stream whose iterator went stale when another table's stream was written first", async () => {
    // Prepare: a second stream table, its mapping taken while both shards are empty
    const onOtherChange = recordingFunction();
    const other = 'fixture-dev-other';
    const created = await dynamodb.send(
      new CreateTableCommand({
        TableName: other,
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      })
    );
    functions['fixture-dev-onOtherChange'] = onOtherChange.handler;
    await cloud.router.addStreamEventSource({
      streamArn: String(created.TableDescription?.LatestStreamArn),
      functionName: 'fixture-dev-onOtherChange',
    });

    // Act: the first table's stream gets records first, then the new table's
    await dynamodb.send(
      new PutItemCommand({
        TableName: TABLE,
        Item: { pk: { S: 'p#first' }, sk: { S: 's' }, itemId: { S: 'f' } },
      })
    );
    await sleep(600);
    await dynamodb.send(new PutItemCommand({ TableName: other, Item: { id: { S: 'late-1' } } }));

    // Assess
    await eventually(() => {
      const ids = onOtherChange.events.flatMap((event) =>
        (event as { Records: { dynamodb: { Keys: { id: { S: string } } } }[] }).Records.map(
          (record) => record.dynamodb.Keys.id.S
        )
      );
      expect(ids).toEqual(['late-1']);
    });
  });

  it('keeps expired TTL items: a known gap of DynamoDB Local', async () => {
    // Prepare
    const key = { pk: { S: 'p#ttl' }, sk: { S: 's#expired' } };
    await dynamodb.send(
      new PutItemCommand({ TableName: TABLE, Item: { ...key, itemId: { S: 'i-t' }, ttl: { N: '1' } } })
    );

    // Act
    await sleep(1500);
    const ttl = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: TABLE }));
    const stillThere = await dynamodb.send(new GetItemCommand({ TableName: TABLE, Key: key }));

    // Assess
    expect(ttl.TimeToLiveDescription).toEqual({ AttributeName: 'ttl', TimeToLiveStatus: 'ENABLED' });
    expect(stillThere.Item?.ttl).toEqual({ N: '1' });
  });

  it('expires TTL items on demand with expireTtlItems, leaving live ones', async () => {
    // Prepare
    const expired = { pk: { S: 'p#ttl2' }, sk: { S: 'old' } };
    const live = { pk: { S: 'p#ttl2' }, sk: { S: 'new' } };
    const now = new Date('2030-01-01T00:00:00Z');
    await dynamodb.send(
      new PutItemCommand({
        TableName: TABLE,
        Item: { ...expired, itemId: { S: 'a' }, ttl: { N: String(now.getTime() / 1000 - 1) } },
      })
    );
    await dynamodb.send(
      new PutItemCommand({
        TableName: TABLE,
        Item: { ...live, itemId: { S: 'b' }, ttl: { N: String(now.getTime() / 1000 + 60) } },
      })
    );

    // Act
    const deleted = await cloud.expireTtlItems(TABLE, now);

    // Assess
    expect(deleted).toBeGreaterThanOrEqual(1);
    expect(
      (await dynamodb.send(new GetItemCommand({ TableName: TABLE, Key: expired }))).Item
    ).toBeUndefined();
    expect((await dynamodb.send(new GetItemCommand({ TableName: TABLE, Key: live }))).Item).toBeDefined();
  });
});
