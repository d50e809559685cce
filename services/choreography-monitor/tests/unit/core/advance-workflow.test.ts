import { advanceWorkflow } from '../../../src/core/advance-workflow';
import { drainInbox } from '../../../src/core/drain-inbox';
import { routeEvent } from '../../../src/core/route-event';
import { callbackDeps } from '../../helpers/in-memory-token-store';
import { callbackEvent, shippedModel } from '../../helpers/models';

const order = shippedModel('order');
const PK = 'order#o-1';

describe('routeEvent', () => {
  it.each([
    ['AwaitingPayment', 'Payment Succeeded', 'accept'],
    ['AwaitingPayment', 'Inventory Reserved', 'early'],
    ['AwaitingPayment', 'Order Delivered', 'early'],
    ['AwaitingInventory', 'Payment Succeeded', 'unexpected'],
    ['AwaitingDelivery', 'Delivery Failed', 'accept'],
  ])('in %s, %s is %s', (state, detailType, route) => {
    // Assess
    expect(routeEvent(order, state, callbackEvent(detailType))).toBe(route);
  });
});

describe('advanceWorkflow', () => {
  it('claims the waiting token and sends the event it accepts', async () => {
    // Prepare
    const deps = callbackDeps();
    const token = deps.store.putToken(PK, 'AwaitingPayment');
    const event = callbackEvent('Payment Succeeded', { order_id: 'o-1' });

    // Act
    const outcome = await advanceWorkflow(order, 'o-1', event, deps);

    // Assess
    expect(outcome).toBe('delivered');
    expect(deps.callbacks.sent).toEqual([{ token: token.token, event }]);
    expect(deps.store.tokens.get(PK)).toMatchObject({ claimedBy: event.id, claimedVia: 'event' });
    expect(await deps.store.getSeen(PK, event.id)).toMatchObject({ status: 'delivered' });
    expect(deps.metrics.durations).toEqual([{ state: 'AwaitingPayment', milliseconds: 5000 }]);
  });

  it('ignores an event whose id it has seen, even after the workflow moved on', async () => {
    // Prepare
    const deps = callbackDeps();
    deps.store.putToken(PK, 'AwaitingPayment');
    const event = callbackEvent('Payment Succeeded');
    await advanceWorkflow(order, 'o-1', event, deps);
    deps.store.putToken(PK, 'AwaitingInventory');

    // Act
    const outcome = await advanceWorkflow(order, 'o-1', event, deps);

    // Assess
    expect(outcome).toBe('duplicate');
    expect(deps.callbacks.sent).toHaveLength(1);
    expect(deps.metrics.get('DuplicateEvents')).toBe(1);
  });

  it('keeps an event for a later state in the inbox and delivers it when that state waits', async () => {
    // Prepare
    const deps = callbackDeps();
    deps.store.putToken(PK, 'AwaitingPayment');
    const early = callbackEvent('Inventory Reserved');

    // Act
    const kept = await advanceWorkflow(order, 'o-1', early, deps);
    await advanceWorkflow(order, 'o-1', callbackEvent('Payment Succeeded'), deps);
    const next = deps.store.putToken(PK, 'AwaitingInventory');
    const drained = await drainInbox(order, PK, deps, { recover: true });

    // Assess
    expect(kept).toBe('inboxed');
    expect(drained).toBe('delivered');
    expect(deps.callbacks.sent.map((call) => [call.token, call.event.detailType])).toEqual([
      [expect.stringContaining('AwaitingPayment'), 'Payment Succeeded'],
      [next.token, 'Inventory Reserved'],
    ]);
    expect(deps.store.inbox.get(PK)).toEqual([]);
  });

  it('keeps an event that arrives before the workflow stored any token', async () => {
    // Prepare
    const deps = callbackDeps();

    // Act
    const outcome = await advanceWorkflow(order, 'o-1', callbackEvent('Payment Succeeded'), deps);
    deps.store.putToken(PK, 'AwaitingPayment');
    const drained = await drainInbox(order, PK, deps, { recover: true });

    // Assess
    expect(outcome).toBe('inboxed');
    expect(drained).toBe('delivered');
    expect(deps.callbacks.sent).toHaveLength(1);
  });

  it('leaves kept events for later states in the inbox when draining', async () => {
    // Prepare
    const deps = callbackDeps();
    await advanceWorkflow(order, 'o-1', callbackEvent('Order Packaged'), deps);
    deps.store.putToken(PK, 'AwaitingPayment');

    // Act
    const drained = await drainInbox(order, PK, deps, { recover: true });

    // Assess
    expect(drained).toBe('waiting');
    expect(deps.callbacks.sent).toEqual([]);
    expect(deps.store.inbox.get(PK)).toHaveLength(1);
  });

  it('delivers an event nothing ahead accepts, so the execution fails visibly', async () => {
    // Prepare
    const deps = callbackDeps();
    deps.store.putToken(PK, 'AwaitingInventory');

    // Act
    const outcome = await advanceWorkflow(order, 'o-1', callbackEvent('Payment Failed'), deps);

    // Assess
    expect(outcome).toBe('delivered');
    expect(deps.metrics.get('UnexpectedEvents')).toBe(1);
  });

  it('records and counts a refused callback without retrying it', async () => {
    // Prepare
    const deps = callbackDeps();
    const token = deps.store.putToken(PK, 'AwaitingPayment');
    deps.callbacks.closed.add(token.token);
    const event = callbackEvent('Payment Succeeded');

    // Act
    const outcome = await advanceWorkflow(order, 'o-1', event, deps);

    // Assess
    expect(outcome).toBe('rejected');
    expect(deps.metrics.get('CallbacksRejected')).toBe(1);
    expect(await deps.store.getSeen(PK, event.id)).toMatchObject({
      status: 'rejected',
      reason: 'TaskTimedOut: Task Timed Out',
    });
  });

  it('resends a claimed event when an earlier attempt stopped before Step Functions answered', async () => {
    // Prepare
    const deps = callbackDeps();
    const token = deps.store.putToken(PK, 'AwaitingPayment');
    const event = callbackEvent('Payment Succeeded');
    deps.callbacks.failNext = Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
    await expect(advanceWorkflow(order, 'o-1', event, deps)).rejects.toThrow('socket hang up');

    // Act
    const outcome = await advanceWorkflow(order, 'o-1', event, deps);

    // Assess
    expect(outcome).toBe('resent');
    expect(deps.callbacks.sent).toEqual([{ token: token.token, event }]);
  });

  it('lets only one of two concurrent events claim the same token', async () => {
    // Prepare
    const deps = callbackDeps();
    deps.store.putToken(PK, 'AwaitingPayment');

    // Act
    const outcomes = await Promise.all([
      advanceWorkflow(order, 'o-1', callbackEvent('Payment Succeeded'), deps),
      advanceWorkflow(order, 'o-1', callbackEvent('Payment Failed'), deps),
    ]);

    // Assess
    expect(deps.callbacks.sent).toHaveLength(1);
    expect(outcomes.sort()).toEqual(['delivered', 'inboxed']);
  });
});

describe('drainInbox', () => {
  it('finishes an inbox claim a stopped drain left unconfirmed', async () => {
    // Prepare
    const deps = callbackDeps();
    await advanceWorkflow(order, 'o-1', callbackEvent('Payment Succeeded'), deps);
    const token = deps.store.putToken(PK, 'AwaitingPayment');
    const { inbox } = await deps.store.getTokenAndInbox(PK);
    const [item] = inbox;
    if (item === undefined) throw new Error('expected an inbox item');
    await deps.store.claimFromInbox(PK, token, item, { now: new Date(), ttl: 1 });

    // Act
    const outcome = await drainInbox(order, PK, deps, { recover: true });

    // Assess
    expect(outcome).toBe('recovered');
    expect(deps.callbacks.sent).toEqual([{ token: token.token, event: item.event }]);
    expect(deps.metrics.get('ClaimsRecovered')).toBe(1);
  });

  it('leaves a claim made for an arriving event to the forwarder (SQS redelivers that event)', async () => {
    // Prepare
    const deps = callbackDeps();
    const token = deps.store.putToken(PK, 'AwaitingPayment');
    await deps.store.claimForEvent(PK, token, callbackEvent('Payment Succeeded'), {
      now: new Date(),
      ttl: 1,
    });

    // Act
    const outcome = await drainInbox(order, PK, deps, { recover: true });

    // Assess
    expect(outcome).toBe('idle');
    expect(deps.callbacks.sent).toEqual([]);
  });
});
