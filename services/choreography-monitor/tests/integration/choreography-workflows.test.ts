import path from 'node:path';
import type { LocalCloud } from '@vigil/local-cloud';
import { statusCommand } from '../../src/commands/status-command';
import { startChoreographyCloud } from '../../src/local/start-choreography-cloud';
import { ChoreographyHarness, waitFor } from '../helpers/choreography-harness';
import { CHOREOGRAPHIES_DIR, FIXTURE_CHOREOGRAPHIES_DIR } from '../helpers/models';

const ORDER_STEPS: [string, string, string][] = [
  ['Payment Succeeded', 'com.example.payments', 'AwaitingInventory'],
  ['Inventory Reserved', 'com.example.warehouse', 'AwaitingDispatch'],
  ['Order Dispatched', 'com.example.shipping', 'AwaitingPackaging'],
  ['Order Packaged', 'com.example.warehouse', 'AwaitingDelivery'],
];

let cloud: LocalCloud;
let harness: ChoreographyHarness;
let captured: string;

beforeAll(async () => {
  cloud = await startChoreographyCloud({
    choreographiesDir: [CHOREOGRAPHIES_DIR, FIXTURE_CHOREOGRAPHIES_DIR].join(path.delimiter),
  });
  harness = new ChoreographyHarness(cloud);
  captured = await harness.captureVigilEvents();
}, 60_000);

afterAll(async () => {
  harness?.destroy();
  await cloud?.stop();
});

const vigilEvents = async () => (await harness.drain(captured)).map((message) => message.body);

describe('order choreography on local-cloud', () => {
  it('completes the happy path and emits Vigil Workflow Completed', async () => {
    // Prepare
    const id = 'o-happy';

    // Act
    await harness.publish('Order Placed', 'com.example.orders', { order_id: id });
    await harness.waitForState('order', id, 'AwaitingPayment');
    for (const [detailType, source, next] of ORDER_STEPS) {
      await harness.publish(detailType, source, { order_id: id });
      await harness.waitForState('order', id, next);
    }
    await harness.publish('Order Delivered', 'com.example.shipping', { order_id: id });
    const execution = await harness.waitForEnd('order', id);
    await waitFor(async () => (await harness.queueDepth(captured)) > 0, 'Vigil Workflow Completed');

    // Assess
    expect(execution?.status).toBe('SUCCEEDED');
    const completed = (await vigilEvents()).find(
      (event) => event['detail-type'] === 'Vigil Workflow Completed'
    );
    expect(completed?.detail).toMatchObject({
      choreography: 'order',
      correlationId: id,
      state: 'Delivered',
      status: 'COMPLETED',
      lastEvent: { detailType: 'Order Delivered' },
    });
  });

  it('prints the path a workflow took with vigil choreography status', async () => {
    // Prepare
    const out: string[] = [];
    const context = {
      io: {
        stdout: { write: (chunk: string) => out.push(chunk) },
        stderr: { write: (chunk: string) => out.push(chunk) },
        isTTY: false,
      },
      setExitCode: () => undefined,
    };

    // Act
    await statusCommand('o-happy', { dir: CHOREOGRAPHIES_DIR }, context, harness.sfn);

    // Assess
    const lines = out.join('').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^order o-happy: SUCCEEDED in \d/);
    expect(lines.slice(1).map((line) => line.replace(/^\s+\+\S+\s+/, '').replace(/waited \S+ /, ''))).toEqual(
      [
        'Order Placed (start)',
        'AwaitingPayment    → Payment Succeeded',
        'AwaitingInventory  → Inventory Reserved',
        'AwaitingDispatch   → Order Dispatched',
        'AwaitingPackaging  → Order Packaged',
        'AwaitingDelivery   → Order Delivered',
        'Delivered          end (success)',
      ]
    );
  });

  it('fails an execution on an event its waiting state does not accept, naming the event', async () => {
    // Prepare
    const id = 'o-unexpected';
    await harness.publish('Order Placed', 'com.example.orders', { order_id: id });
    await harness.waitForState('order', id, 'AwaitingPayment');
    await harness.publish('Payment Succeeded', 'com.example.payments', { order_id: id });
    await harness.waitForState('order', id, 'AwaitingInventory');

    // Act
    await harness.publish('Payment Failed', 'com.example.payments', { order_id: id });
    const execution = await harness.waitForEnd('order', id);
    await waitFor(async () => (await harness.queueDepth(captured)) > 0, 'Vigil Workflow Failed');

    // Assess
    expect(execution).toMatchObject({
      status: 'FAILED',
      error: 'Vigil.UnexpectedEvent',
      cause:
        'AwaitingInventory does not accept Payment Failed from com.example.payments (expects Inventory Reserved | Out Of Stock)',
    });
    const failed = (await vigilEvents()).find((event) => event['detail-type'] === 'Vigil Workflow Failed');
    expect(failed?.detail).toMatchObject({
      correlationId: id,
      state: 'AwaitingInventory',
      error: 'Vigil.UnexpectedEvent',
      lastEvent: { detailType: 'Payment Failed' },
    });
  });

  it('delivers events published before their waiting state stored its token', async () => {
    // Prepare
    const id = 'o-early';

    // Act: payment and inventory arrive before the order itself
    await harness.publish('Inventory Reserved', 'com.example.warehouse', { order_id: id });
    await harness.publish('Payment Succeeded', 'com.example.payments', { order_id: id });
    await cloud.router.settled();
    await harness.publish('Order Placed', 'com.example.orders', { order_id: id });
    await harness.waitForState('order', id, 'AwaitingDispatch');

    // Assess
    const entered = (await harness.history('order', id))
      .filter((event) => event.type === 'TaskStateEntered')
      .map((event) => event.stateEnteredEventDetails?.name);
    expect(entered).toEqual(['AwaitingPayment', 'AwaitingInventory', 'AwaitingDispatch']);
    expect((await harness.describe('order', id))?.status).toBe('RUNNING');
  });

  it('does not advance twice on a redelivered event, even after the workflow moved on', async () => {
    // Prepare
    const id = 'o-duplicate';
    await harness.publish('Order Placed', 'com.example.orders', { order_id: id });
    await harness.waitForState('order', id, 'AwaitingPayment');
    const payment = {
      version: '0',
      id: 'payment-event-1',
      'detail-type': 'Payment Succeeded',
      source: 'com.example.payments',
      account: cloud.accountId,
      time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: cloud.region,
      resources: [],
      detail: { order_id: id },
    };

    // Act
    await Promise.all([harness.sendToForwardQueue(payment), harness.sendToForwardQueue(payment)]);
    await harness.waitForState('order', id, 'AwaitingInventory');
    await harness.sendToForwardQueue(payment);
    await harness.publish('Inventory Reserved', 'com.example.warehouse', { order_id: id });
    await harness.waitForState('order', id, 'AwaitingDispatch');

    // Assess
    const history = await harness.history('order', id);
    const succeeded = history
      .filter((event) => event.type === 'TaskSucceeded')
      .map((event) => JSON.parse(event.taskSucceededEventDetails?.output ?? '{}').detailType);
    expect(succeeded).toEqual(['Payment Succeeded', 'Inventory Reserved']);
    expect((await harness.describe('order', id))?.status).toBe('RUNNING');
  });

  it('emits Vigil Workflow Stuck when a state outlives its SLA', async () => {
    // Prepare
    const id = 'p-stuck';

    // Act
    await harness.publish('Parcel Registered', 'com.example.parcels', { parcel_id: id });
    const execution = await harness.waitForEnd('parcel', id);
    await waitFor(async () => (await harness.queueDepth(captured)) > 0, 'Vigil Workflow Stuck');

    // Assess
    expect(execution).toMatchObject({ status: 'FAILED', error: 'Vigil.WorkflowStuck' });
    const stuck = (await vigilEvents()).find((event) => event['detail-type'] === 'Vigil Workflow Stuck');
    expect(stuck?.detail).toMatchObject({
      schemaVersion: '1',
      status: 'STUCK',
      choreography: 'parcel',
      correlationId: id,
      state: 'AwaitingPickup',
      timeoutSeconds: 2,
      executionArn: harness.executionArn('parcel', id),
      lastEvent: { detailType: 'Parcel Registered', source: 'com.example.parcels' },
    });
  });

  it('parks an event without a correlation id in the DLQ with the reason', async () => {
    // Prepare
    const dlq = `${cloud.endpoints.sqs}/${cloud.accountId}/vigil-${cloud.stage}-choreography-dlq`;

    // Act
    await harness.publish('Order Placed', 'com.example.orders', { orderId: 'wrong-field' });
    await waitFor(async () => (await harness.queueDepth(dlq)) > 0, 'the parked event');
    const [parked] = await harness.drain(dlq);

    // Assess
    expect(parked?.body).toMatchObject({ 'detail-type': 'Order Placed', detail: { orderId: 'wrong-field' } });
    expect(parked?.attributes).toMatchObject({
      errorCode: 'INVALID_WORKFLOW_EVENT',
      handler: 'start-workflow',
      reason: expect.stringMatching(/has no correlation id at detail\.order_id/),
    });
  });
});
