import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createAwsClient } from '../../src/create-aws-client';
import { type Reply, startRecordingServer } from '../helpers/recording-server';

const ENV_KEYS = [
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_DYNAMODB',
  'AWS_ENDPOINT_URL_SQS',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
];

const OK: Reply = { status: 200, body: { TableNames: [] } };
const SERVER_ERROR: Reply = { status: 500, body: { __type: 'InternalServerError', message: 'oops' } };
const THROTTLED: Reply = {
  status: 400,
  body: { __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException', message: 'Rate exceeded' },
};

/** The access key id and region an AWS SigV4 Authorization header was signed with. */
function signedWith(authorization: string | undefined): {
  accessKeyId?: string | undefined;
  region?: string | undefined;
} {
  const match = /Credential=([^/]+)\/\d{8}\/([^/]+)\//.exec(authorization ?? '');
  return match ? { accessKeyId: match[1], region: match[2] } : {};
}

describe('createAwsClient', () => {
  const saved: Record<string, string | undefined> = {};
  let server: Awaited<ReturnType<typeof startRecordingServer>> | undefined;

  beforeEach(() => {
    for (const key of ENV_KEYS) {
      saved[key] = process.env[key];
      delete process.env[key];
    }
  });

  afterEach(async () => {
    for (const key of ENV_KEYS) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
    await server?.stop();
    server = undefined;
  });

  it('relies on the SDK itself for AWS_ENDPOINT_URL_<SERVICE>', async () => {
    // Prepare
    server = await startRecordingServer([OK]);
    process.env.AWS_ENDPOINT_URL_DYNAMODB = server.url;
    const plain = new DynamoDBClient({
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDPLAIN', secretAccessKey: 's' },
    });

    // Act
    await plain.send(new ListTablesCommand({}));
    plain.destroy();

    // Assess
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers['x-amz-target']).toBe('DynamoDB_20120810.ListTables');
  });

  it('uses AWS_ENDPOINT_URL with us-east-1 and dummy credentials when none are configured', async () => {
    // Prepare
    server = await startRecordingServer([{ status: 200, body: { QueueUrls: [] } }]);
    process.env.AWS_ENDPOINT_URL = server.url;
    const sqs = createAwsClient(SQSClient);

    // Act
    await sqs.send(new ListQueuesCommand({}));
    sqs.destroy();

    // Assess
    expect(server.requests).toHaveLength(1);
    expect(signedWith(server.requests[0]?.headers.authorization)).toEqual({
      accessKeyId: 'vigil-local',
      region: 'us-east-1',
    });
  });

  it('keeps configured credentials and region for a loopback endpoint', async () => {
    // Prepare
    server = await startRecordingServer([OK]);
    process.env.AWS_ENDPOINT_URL_DYNAMODB = server.url;
    process.env.AWS_ACCESS_KEY_ID = 'AKIDFROMENV';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    process.env.AWS_REGION = 'eu-central-1';
    const dynamodb = createAwsClient(DynamoDBClient);

    // Act
    await dynamodb.send(new ListTablesCommand({}));
    dynamodb.destroy();

    // Assess
    expect(signedWith(server.requests[0]?.headers.authorization)).toEqual({
      accessKeyId: 'AKIDFROMENV',
      region: 'eu-central-1',
    });
  });

  it('retries server errors until the call succeeds', async () => {
    // Prepare
    server = await startRecordingServer([SERVER_ERROR, SERVER_ERROR, OK]);
    const dynamodb = createAwsClient(DynamoDBClient, { endpoint: server.url });

    // Act
    const output = await dynamodb.send(new ListTablesCommand({}));
    dynamodb.destroy();

    // Assess
    expect(output.TableNames).toEqual([]);
    expect(output.$metadata.attempts).toBe(3);
    expect(server.requests).toHaveLength(3);
  });

  it('retries throttling errors', async () => {
    // Prepare
    server = await startRecordingServer([THROTTLED, THROTTLED, OK]);
    const dynamodb = createAwsClient(DynamoDBClient, { endpoint: server.url });

    // Act
    const output = await dynamodb.send(new ListTablesCommand({}));
    dynamodb.destroy();

    // Assess
    expect(output.$metadata.attempts).toBe(3);
    expect(server.requests).toHaveLength(3);
  });

  it('gives up after five attempts by default', async () => {
    // Prepare
    server = await startRecordingServer([SERVER_ERROR]);
    const dynamodb = createAwsClient(DynamoDBClient, { endpoint: server.url });

    // Act
    const error = await dynamodb.send(new ListTablesCommand({})).catch((thrown: unknown) => thrown);
    dynamodb.destroy();

    // Assess
    expect(error).toMatchObject({
      name: 'InternalServerError',
      $metadata: { attempts: 5, httpStatusCode: 500 },
    });
    expect(server.requests).toHaveLength(5);
  });

  it('lets explicit config override the defaults', async () => {
    // Prepare
    server = await startRecordingServer([SERVER_ERROR]);
    const dynamodb = createAwsClient(DynamoDBClient, {
      endpoint: server.url,
      maxAttempts: 2,
      region: 'ap-south-1',
    });

    // Act
    const error = await dynamodb.send(new ListTablesCommand({})).catch((thrown: unknown) => thrown);
    dynamodb.destroy();

    // Assess
    expect(error).toMatchObject({ $metadata: { attempts: 2 } });
    expect(server.requests).toHaveLength(2);
    expect(signedWith(server.requests[0]?.headers.authorization).region).toBe('ap-south-1');
  });
});
