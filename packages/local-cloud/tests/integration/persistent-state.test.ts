import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { type LocalCloud, startLocalCloud } from '../../src/index';
import { clientConfig, FIXTURE_SERVICE, receiveMessages } from '../helpers/fixture';

// The one file that starts a cloud twice: state must survive a restart on the same folder.
describe('startLocalCloud with a state folder', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'vigil-local-state-'));
  let cloud: LocalCloud | undefined;

  afterAll(async () => {
    await cloud?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('keeps tables, objects and messages across a restart and re-creates resources idempotently', async () => {
    // Prepare
    const first = await startLocalCloud({ stateDir, services: [FIXTURE_SERVICE] });
    cloud = first;
    const dynamodb = new DynamoDBClient(clientConfig(first, first.endpoints.dynamodb));
    const s3 = new S3Client({ ...clientConfig(first, first.endpoints.s3), forcePathStyle: true });
    const sqs = new SQSClient(clientConfig(first, first.endpoints.sqs));
    const key = { pk: { S: 'keep' }, sk: { S: 'me' } };
    await dynamodb.send(
      new PutItemCommand({ TableName: 'fixture-dev-items', Item: { ...key, itemId: { S: 'k' } } })
    );
    await s3.send(
      new PutObjectCommand({ Bucket: 'fixture-dev-uploads', Key: 'kept.txt', Body: 'still here' })
    );
    const queueName = 'fixture-dev-alert-copies';
    const firstUrl = (await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }))).QueueUrl;
    await sqs.send(new SendMessageCommand({ QueueUrl: firstUrl, MessageBody: 'kept message' }));
    for (const client of [dynamodb, s3, sqs]) client.destroy();
    const firstPorts = first.ports;
    await first.stop();

    // Act
    const second = await startLocalCloud({ stateDir, services: [FIXTURE_SERVICE] });
    cloud = second;
    const dynamodb2 = new DynamoDBClient(clientConfig(second, second.endpoints.dynamodb));
    const s32 = new S3Client({ ...clientConfig(second, second.endpoints.s3), forcePathStyle: true });
    const sqs2 = new SQSClient(clientConfig(second, second.endpoints.sqs));
    const item = await dynamodb2.send(new GetItemCommand({ TableName: 'fixture-dev-items', Key: key }));
    const object = await s32.send(new GetObjectCommand({ Bucket: 'fixture-dev-uploads', Key: 'kept.txt' }));
    const secondUrl = (await sqs2.send(new GetQueueUrlCommand({ QueueName: queueName }))).QueueUrl ?? '';
    const messages = await receiveMessages(sqs2, secondUrl, 1);

    // Assess
    expect(item.Item).toEqual({ ...key, itemId: { S: 'k' } });
    expect(await object.Body?.transformToString()).toBe('still here');
    expect(messages.map((m) => m.Body)).toEqual(['kept message']);
    // Same ports again, so the queue URLs stored with the state still point at the cloud.
    expect(secondUrl).toBe(firstUrl);
    expect(second.ports).toEqual(firstPorts);
    expect(existsSync(join(stateDir, 'dynamodb'))).toBe(true);
    for (const client of [dynamodb2, s32, sqs2]) client.destroy();
  }, 60_000);
});
