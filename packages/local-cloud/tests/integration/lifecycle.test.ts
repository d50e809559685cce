import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { type LocalCloud, startLocalCloud } from '../../src/index';
import { clientConfig } from '../helpers/fixture';
import { exited, expectNothingLeft, isAlive, runCloudProcess } from '../helpers/processes';

describe('startLocalCloud lifecycle', () => {
  let cloud: LocalCloud;

  beforeAll(async () => {
    cloud = await startLocalCloud();
  }, 60_000);

  afterAll(() => cloud.stop());

  it('serves every piece on loopback with a health check answering', async () => {
    // Act
    const health = await cloud.health();
    const dynamodb = new DynamoDBClient(clientConfig(cloud, cloud.endpoints.dynamodb));
    const sqs = new SQSClient(clientConfig(cloud, cloud.endpoints.sqs));
    const tables = await dynamodb.send(new ListTablesCommand({}));
    const queues = await sqs.send(new ListQueuesCommand({}));
    dynamodb.destroy();
    sqs.destroy();

    // Assess
    expect(health).toEqual({
      dynamodb: true,
      fauxqs: true,
      events: true,
      stepfunctions: true,
      securityhub: true,
    });
    for (const url of Object.values(cloud.endpoints)) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(tables.TableNames).toEqual([]);
    expect(queues.QueueUrls ?? []).toEqual([]);
    expect(cloud.env()).toMatchObject({
      AWS_ENDPOINT_URL_DYNAMODB: cloud.endpoints.dynamodb,
      AWS_ENDPOINT_URL_SFN: cloud.endpoints.stepfunctions,
      AWS_ENDPOINT_URL_EVENTBRIDGE: cloud.endpoints.events,
      AWS_ENDPOINT_URL_SECURITYHUB: cloud.endpoints.securityhub,
      AWS_REGION: 'us-east-1',
    });
  });

  it("creates services/platform's bus, topics and table from its serverless.yml", async () => {
    // Act
    const created = await cloud.createResources('platform', 'dev');

    // Assess
    expect(created).toMatchObject({
      service: 'vigil-platform',
      eventBuses: ['vigil-dev'],
      topics: [
        'arn:aws:sns:us-east-1:000000000000:vigil-dev-alerts',
        'arn:aws:sns:us-east-1:000000000000:vigil-dev-alarms',
      ],
      tables: ['vigil-dev-accounts'],
    });
    expect(cloud.router.eventBridge.hasBus('arn:aws:events:us-east-1:000000000000:event-bus/vigil-dev')).toBe(
      true
    );
  });

  it('stop() leaves no child process and no listening port', async () => {
    // Prepare
    const other = await startLocalCloud();
    const { pids, ports } = other;

    // Act
    await other.stop();

    // Assess
    expect(pids).toHaveLength(2);
    expect(ports).toHaveLength(5);
    await expectNothingLeft(pids, ports, 2000);
  }, 60_000);

  it('SIGTERM to the owning process stops everything it started', async () => {
    // Prepare
    const { child, info } = await runCloudProcess();

    // Act
    child.kill('SIGTERM');

    // Assess
    expect(await exited(child)).toBe(143);
    await expectNothingLeft([info.pid, ...info.pids], info.ports);
  }, 60_000);

  it('SIGKILL of the owning process still leaves nothing behind (watchdog)', async () => {
    // Prepare
    const { child, info } = await runCloudProcess();
    expect(info.pids.every(isAlive)).toBe(true);

    // Act
    child.kill('SIGKILL');

    // Assess
    await exited(child);
    await expectNothingLeft(info.pids, info.ports);
  }, 60_000);
});
