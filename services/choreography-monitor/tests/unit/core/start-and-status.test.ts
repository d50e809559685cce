import {
  type PutEventsEntry,
  VIGIL_WORKFLOW_COMPLETED,
  VIGIL_WORKFLOW_FAILED,
  WorkflowEventSchema,
} from '@vigil/event-schema';
import { createCatalog } from '../../../src/core/choreography-catalog';
import { buildExecutionPath } from '../../../src/core/execution-path';
import { ExecutionStatusChangeEventSchema } from '../../../src/core/execution-status-change';
import { formatExecutionPath } from '../../../src/core/format-execution-path';
import { forwardEvent } from '../../../src/core/forward-event';
import { recordStatus } from '../../../src/core/record-status';
import { startWorkflow, type WorkflowExecutions } from '../../../src/core/start-workflow';
import { InvalidWorkflowEventError } from '../../../src/errors';
import { callbackDeps, InMemoryTokenStore, RecordingMetrics } from '../../helpers/in-memory-token-store';
import { bridgeEvent, shippedModel } from '../../helpers/models';

const order = shippedModel('order');
const catalog = createCatalog([order, shippedModel('refund')]);
const PREFIX = 'arn:aws:states:us-east-1:000000000000:stateMachine:vigil-dev-choreography-';

class FakeExecutions implements WorkflowExecutions {
  readonly started = new Map<string, string>();
  async start(choreography: string, name: string, input: string) {
    const key = `${choreography}:${name}`;
    const executionArn = `arn:aws:states:us-east-1:000000000000:execution:vigil-dev-choreography-${choreography}:${name}`;
    if (this.started.has(key)) return { status: 'exists' as const, executionArn };
    this.started.set(key, input);
    return { status: 'started' as const, executionArn };
  }
}

describe('startWorkflow', () => {
  it('starts one execution named after the correlation id, and a second start is a no-op', async () => {
    // Prepare
    const executions = new FakeExecutions();
    const metrics = new RecordingMetrics();
    const event = WorkflowEventSchema.parse(
      bridgeEvent('Order Placed', 'com.example.orders', { order_id: 'o 42' })
    );

    // Act
    const first = await startWorkflow(event, { catalog, executions, metrics });
    const second = await startWorkflow(event, { catalog, executions, metrics });

    // Assess
    expect(first).toEqual([
      expect.objectContaining({
        choreography: 'order',
        correlationId: 'o 42',
        status: 'started',
        name: expect.stringMatching(/^o_42-[0-9a-f]{8}$/),
      }),
    ]);
    expect(second[0]?.status).toBe('exists');
    expect(JSON.parse(executions.started.get(`order:${first[0]?.name}`) ?? '{}')).toMatchObject({
      choreography: 'order',
      correlationId: 'o 42',
      tokenKey: 'order#o 42',
      tokenTtl: String(Date.parse('2026-01-01T00:00:00Z') / 1000 + 30 * 86_400),
      lastEvent: { detailType: 'Order Placed', detail: { order_id: 'o 42' } },
    });
    expect([metrics.get('ExecutionsStarted'), metrics.get('DuplicateStarts')]).toEqual([1, 1]);
  });

  it('refuses a start event without a correlation id', async () => {
    // Prepare
    const event = WorkflowEventSchema.parse(
      bridgeEvent('Order Placed', 'com.example.orders', { orderId: 'o-1' })
    );

    // Act
    const act = startWorkflow(event, {
      catalog,
      executions: new FakeExecutions(),
      metrics: new RecordingMetrics(),
    });

    // Assess
    await expect(act).rejects.toThrow(InvalidWorkflowEventError);
    await expect(act).rejects.toThrow(/has no correlation id at detail\.order_id/);
  });
});

describe('forwardEvent', () => {
  it('refuses an event no choreography is advanced by', async () => {
    // Prepare
    const event = WorkflowEventSchema.parse(
      bridgeEvent('Order Teleported', 'com.example.orders', { order_id: 'o-1' })
    );

    // Act
    const act = forwardEvent(event, { ...callbackDeps(), catalog });

    // Assess
    await expect(act).rejects.toThrow(/advances no choreography/);
  });
});

function statusChange(status: string, extra: Record<string, unknown> = {}) {
  const input = {
    choreography: 'order',
    correlationId: 'o-1',
    tokenKey: 'order#o-1',
    tokenTtl: '2000000000',
    lastEvent: {
      id: 'e-0',
      source: 'com.example.orders',
      detailType: 'Order Placed',
      time: '2026-01-01T00:00:00Z',
      detail: {},
    },
  };
  return ExecutionStatusChangeEventSchema.parse({
    ...bridgeEvent('Step Functions Execution Status Change', 'aws.states', {
      executionArn: 'arn:aws:states:us-east-1:000000000000:execution:vigil-dev-choreography-order:o-1',
      stateMachineArn: `${PREFIX}order`,
      name: 'o-1',
      status,
      startDate: 1_767_225_600_000,
      stopDate: 1_767_225_602_500,
      input: JSON.stringify(input),
      output: null,
      error: null,
      cause: null,
      ...extra,
    }),
  });
}

function statusDeps(store = new InMemoryTokenStore()) {
  const published: PutEventsEntry[] = [];
  const metrics = new RecordingMetrics();
  return {
    published,
    metrics,
    deps: {
      catalog,
      choreographyOf: (arn: string) => (arn.startsWith(PREFIX) ? arn.slice(PREFIX.length) : undefined),
      store,
      publisher: { publish: async (entry: PutEventsEntry) => void published.push(entry) },
      metrics,
      eventBusName: 'vigil-dev',
    },
  };
}

describe('recordStatus', () => {
  it('emits Vigil Workflow Completed with the final state, last event and duration', async () => {
    // Prepare
    const store = new InMemoryTokenStore();
    const token = store.putToken('order#o-1', 'AwaitingDelivery');
    token.claimedEvent = {
      id: 'e-9',
      source: 'com.example.shipping',
      detailType: 'Order Delivered',
      time: '2026-01-01T00:00:02Z',
      detail: {},
    };
    const { deps, published, metrics } = statusDeps(store);

    // Act
    await recordStatus(statusChange('SUCCEEDED'), deps);

    // Assess
    expect(published).toHaveLength(1);
    expect(published[0]?.DetailType).toBe(VIGIL_WORKFLOW_COMPLETED.detailType);
    expect(JSON.parse(published[0]?.Detail ?? '{}')).toMatchObject({
      status: 'COMPLETED',
      state: 'Delivered',
      durationMs: 2500,
      lastEvent: { id: 'e-9', detailType: 'Order Delivered' },
    });
    expect(metrics.get('WorkflowsCompleted')).toBe(1);
  });

  it('emits Vigil Workflow Failed naming the state that refused an unexpected event', async () => {
    // Prepare
    const store = new InMemoryTokenStore();
    store.putToken('order#o-1', 'AwaitingInventory');
    const { deps, published } = statusDeps(store);

    // Act
    await recordStatus(
      statusChange('FAILED', {
        error: 'Vigil.UnexpectedEvent',
        cause: 'AwaitingInventory does not accept Payment Failed',
      }),
      deps
    );

    // Assess
    expect(published[0]?.DetailType).toBe(VIGIL_WORKFLOW_FAILED.detailType);
    expect(JSON.parse(published[0]?.Detail ?? '{}')).toMatchObject({
      state: 'AwaitingInventory',
      error: 'Vigil.UnexpectedEvent',
      cause: 'AwaitingInventory does not accept Payment Failed',
    });
  });

  it('names the failure outcome a workflow reached', async () => {
    // Prepare
    const store = new InMemoryTokenStore();
    store.putToken('order#o-1', 'AwaitingPayment');
    const { deps, published } = statusDeps(store);

    // Act
    await recordStatus(statusChange('FAILED', { error: 'Order.PaymentFailed' }), deps);

    // Assess
    expect(JSON.parse(published[0]?.Detail ?? '{}')).toMatchObject({
      state: 'PaymentFailed',
      error: 'Order.PaymentFailed',
    });
  });

  it('counts a stuck workflow without a second event (the state machine sent Vigil Workflow Stuck)', async () => {
    // Prepare
    const { deps, published, metrics } = statusDeps();

    // Act
    await recordStatus(statusChange('FAILED', { error: 'Vigil.WorkflowStuck' }), deps);

    // Assess
    expect(published).toEqual([]);
    expect(metrics.get('WorkflowsStuck')).toBe(1);
  });

  it('ignores state machines that are not choreographies', async () => {
    // Prepare
    const { deps, published } = statusDeps();

    // Act
    const result = await recordStatus(
      statusChange('FAILED', { stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:other' }),
      deps
    );

    // Assess
    expect(result).toBeUndefined();
    expect(published).toEqual([]);
  });
});

describe('buildExecutionPath', () => {
  it('folds the generated states into the declared ones with timings and the events that moved them on', () => {
    // Prepare
    const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));
    const lastEvent = (detailType: string) =>
      JSON.stringify({
        lastEvent: { id: 'x', source: 's', detailType, time: '2026-01-01T00:00:00Z', detail: {} },
      });
    const history = [
      { type: 'ExecutionStarted', timestamp: at(0) },
      {
        type: 'TaskStateEntered',
        timestamp: at(0),
        stateEnteredEventDetails: { name: 'AwaitingPayment', input: lastEvent('Order Placed') },
      },
      {
        type: 'TaskStateExited',
        timestamp: at(2),
        stateExitedEventDetails: { name: 'AwaitingPayment', output: lastEvent('Payment Succeeded') },
      },
      {
        type: 'ChoiceStateEntered',
        timestamp: at(2),
        stateEnteredEventDetails: { name: 'Route AwaitingPayment' },
      },
      { type: 'TaskStateEntered', timestamp: at(2), stateEnteredEventDetails: { name: 'AwaitingInventory' } },
      // The timed-out task is reported as exited with its input, then the stuck report starts.
      {
        type: 'TaskStateExited',
        timestamp: at(7),
        stateExitedEventDetails: { name: 'AwaitingInventory', output: lastEvent('Payment Succeeded') },
      },
      {
        type: 'TaskStateEntered',
        timestamp: at(7),
        stateEnteredEventDetails: { name: 'Report AwaitingInventory stuck' },
      },
      {
        type: 'FailStateEntered',
        timestamp: at(7),
        stateEnteredEventDetails: { name: 'AwaitingInventory stuck' },
      },
      {
        type: 'ExecutionFailed',
        timestamp: at(7),
        executionFailedEventDetails: { error: 'Vigil.WorkflowStuck', cause: 'waited' },
      },
    ];

    // Act
    const path = buildExecutionPath(order, 'o-1', 'FAILED', history);
    const lines = formatExecutionPath(path, at(10));

    // Assess
    expect(path.steps.map((step) => [step.state, step.outcome, step.event])).toEqual([
      ['AwaitingPayment', 'moved', 'Payment Succeeded'],
      ['AwaitingInventory', 'stuck', undefined],
    ]);
    expect(lines).toEqual([
      'order o-1: FAILED in 7.000s',
      '  +0.000s    Order Placed (start)',
      '  +0.000s    AwaitingPayment    waited 2.000s → Payment Succeeded',
      '  +2.000s    AwaitingInventory  waited 5.000s STUCK (no event within its SLA)',
      '  error: Vigil.WorkflowStuck: waited',
    ]);
  });
});
