import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DeliveryError, type LocalCloud, startLocalCloud } from '../../src/index';
import { getFreePort } from '../../src/net/get-free-port';
import { isPortOpen } from '../../src/net/probe';
import { clientConfig, eventually } from '../helpers/fixture';
import { exited } from '../helpers/processes';

const SERVERLESS = join(__dirname, '../../../../node_modules/serverless/bin/serverless.js');
const SERVICE_A = join(__dirname, '../fixtures/offline-service');
const SERVICE_B = join(__dirname, '../fixtures/offline-service-b');

/** `serverless offline start` in `dir` on a free Lambda port; resolves once the port listens. */
async function startOffline(dir: string, recordFile: string) {
  const [lambdaPort, httpPort, websocketPort, albPort] = await Promise.all([
    getFreePort(),
    getFreePort(),
    getFreePort(),
    getFreePort(),
  ]);
  const ports = { lambdaPort, httpPort, websocketPort, albPort };
  const args = Object.entries(ports).flatMap(([option, port]) => [`--${option}`, `${port}`]);
  const child = spawn(process.execPath, [SERVERLESS, 'offline', 'start', '--host', '127.0.0.1', ...args], {
    cwd: dir,
    env: { ...process.env, RECORD_FILE: recordFile },
    stdio: 'ignore',
  });
  await eventually(async () => expect(await isPortOpen(lambdaPort)).toBe(true), 30_000);
  return { child, endpoint: `http://127.0.0.1:${lambdaPort}` };
}

const readRecords = (file: string): unknown[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
    : [];

describe('Lambda endpoints per function (two serverless-offline processes)', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'vigil-endpoints-'));
  const recordsA = join(workDir, 'a.jsonl');
  const recordsB = join(workDir, 'b.jsonl');
  const children: ChildProcess[] = [];
  const lambdaEndpoints: Record<string, string> = {};
  let endpointA = '';
  let endpointB = '';
  let cloud: LocalCloud;

  beforeAll(async () => {
    // The cloud starts first: the endpoints are added once each process listens, as start.sh does.
    cloud = await startLocalCloud({ services: [SERVICE_A, SERVICE_B], lambdaEndpoints });
    const [a, b] = await Promise.all([startOffline(SERVICE_A, recordsA), startOffline(SERVICE_B, recordsB)]);
    children.push(a.child, b.child);
    endpointA = a.endpoint;
    endpointB = b.endpoint;
    lambdaEndpoints['offline-fixture-dev-record'] = endpointA;
    lambdaEndpoints['offline-fixture-b-dev-*'] = endpointB;
  }, 60_000);

  afterAll(async () => {
    await cloud?.stop();
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => exited(child)));
    rmSync(workDir, { recursive: true, force: true });
  });

  it('invokes each function on the process its name or name prefix maps to', async () => {
    // Act
    const answer = await cloud.invoke('offline-fixture-b-dev-echo', { n: 1 });

    // Assess
    expect(answer).toEqual({ by: 'offline-fixture-b', event: { n: 1 } });
    expect(cloud.lambdaEndpointOf('offline-fixture-dev-record')).toBe(endpointA);
    expect(cloud.lambdaEndpointOf('offline-fixture-b-dev-echo')).toBe(endpointB);
  });

  it('delivers one event to the functions of both processes through their rules', async () => {
    // Prepare
    const events = new EventBridgeClient(clientConfig(cloud, cloud.endpoints.events));

    // Act
    await events.send(
      new PutEventsCommand({
        Entries: [{ Source: 'offline.test', DetailType: 'Routed', Detail: '{"n":2}' }],
      })
    );
    events.destroy();

    // Assess
    await eventually(() => {
      expect(readRecords(recordsA)).toEqual([
        expect.objectContaining({ 'detail-type': 'Routed', detail: { n: 2 } }),
      ]);
      expect(readRecords(recordsB)).toContainEqual({
        by: 'offline-fixture-b',
        event: expect.objectContaining({ 'detail-type': 'Routed', detail: { n: 2 } }),
      });
    }, 15_000);
  });

  it('reports a failing function as a DeliveryError with its error', async () => {
    // Act
    const failure = cloud.invoke('offline-fixture-b-dev-fail', {});

    // Assess
    await expect(failure).rejects.toThrow(DeliveryError);
    await expect(failure).rejects.toThrow(/Unhandled.*fails on purpose/);
  });

  it('refuses a function no endpoint serves', async () => {
    // Act
    const failure = cloud.invoke('someone-else-dev-fn', {});

    // Assess
    await expect(failure).rejects.toThrow(/no Lambda endpoint serves it/);
    expect(cloud.lambdaEndpointOf('someone-else-dev-fn')).toBeUndefined();
  });
});
