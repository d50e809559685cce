import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { type LocalCloud, startLocalCloud } from '../../src/index';
import { getFreePort } from '../../src/net/get-free-port';
import { isPortOpen } from '../../src/net/probe';
import { clientConfig, eventually } from '../helpers/fixture';
import { exited } from '../helpers/processes';

const OFFLINE_SERVICE = join(__dirname, '../fixtures/offline-service');
const SERVERLESS = join(__dirname, '../../../../node_modules/serverless/bin/serverless.js');

describe('Lambda targets through serverless-offline', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'vigil-offline-'));
  const recordFile = join(workDir, 'events.jsonl');
  let offline: ChildProcess;
  let cloud: LocalCloud;

  beforeAll(async () => {
    const [lambdaPort, httpPort, websocketPort] = await Promise.all([
      getFreePort(),
      getFreePort(),
      getFreePort(),
    ]);
    const args = [
      'offline',
      'start',
      '--lambdaPort',
      `${lambdaPort}`,
      '--httpPort',
      `${httpPort}`,
      '--websocketPort',
      `${websocketPort}`,
    ];
    offline = spawn(process.execPath, [SERVERLESS, ...args], {
      cwd: OFFLINE_SERVICE,
      env: { ...process.env, RECORD_FILE: recordFile },
      stdio: 'ignore',
    });
    await eventually(async () => expect(await isPortOpen(lambdaPort)).toBe(true), 30_000);
    cloud = await startLocalCloud({
      services: [OFFLINE_SERVICE],
      lambdaEndpoint: `http://127.0.0.1:${lambdaPort}`,
    });
  }, 60_000);

  afterAll(async () => {
    await cloud?.stop();
    offline?.kill('SIGTERM');
    if (offline !== undefined) await exited(offline);
    rmSync(workDir, { recursive: true, force: true });
  });

  it('delivers a matching PutEvents event to the function served by serverless-offline', async () => {
    // Prepare
    const events = new EventBridgeClient(clientConfig(cloud, cloud.endpoints.events));

    // Act
    await events.send(
      new PutEventsCommand({
        Entries: [{ Source: 'offline.test', DetailType: 'Recorded', Detail: '{"n":1}' }],
      })
    );
    events.destroy();

    // Assess
    const recorded = await eventually(() => {
      expect(existsSync(recordFile)).toBe(true);
      return readFileSync(recordFile, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
    }, 15_000);
    expect(recorded).toEqual([
      expect.objectContaining({ source: 'offline.test', 'detail-type': 'Recorded', detail: { n: 1 } }),
    ]);
    const delivery = await cloud.router.deliveries.waitFor(
      (d) => d.source === 'eventbridge' && d.status === 'delivered'
    );
    expect(delivery.target).toBe('arn:aws:lambda:us-east-1:000000000000:function:offline-fixture-dev-record');
  });
});
