import { advanceWorkflow } from '../../../src/core/advance-workflow';
import { createCatalog } from '../../../src/core/choreography-catalog';
import { drainTokenChanges } from '../../../src/core/drain-token-changes';
import { callbackDeps } from '../../helpers/in-memory-token-store';
import { callbackEvent, shippedModel } from '../../helpers/models';

const order = shippedModel('order');
const catalog = createCatalog([order]);

describe('drainTokenChanges', () => {
  it('drains every workflow of the batch once', async () => {
    // Prepare
    const deps = { ...callbackDeps(), catalog };
    for (const id of ['o-1', 'o-2']) {
      await advanceWorkflow(order, id, callbackEvent('Payment Succeeded'), deps);
      deps.store.putToken(`order#${id}`, 'AwaitingPayment');
    }

    // Act
    const result = await drainTokenChanges(
      [
        { sequenceNumber: '1', pk: 'order#o-1', choreography: 'order' },
        { sequenceNumber: '2', pk: 'order#o-2', choreography: 'order' },
        { sequenceNumber: '3', pk: 'order#o-1', choreography: 'order' },
      ],
      deps
    );

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(deps.callbacks.sent).toHaveLength(2);
  });

  it('reports the earliest failed change so the stream retries from there', async () => {
    // Prepare
    const deps = { ...callbackDeps(), catalog };
    await advanceWorkflow(order, 'o-2', callbackEvent('Payment Succeeded'), deps);
    deps.store.putToken('order#o-2', 'AwaitingPayment');
    deps.callbacks.failNext = Object.assign(new Error('throttled'), { name: 'ThrottlingException' });

    // Act
    const result = await drainTokenChanges(
      [
        { sequenceNumber: '1', pk: 'order#o-1', choreography: 'order' },
        { sequenceNumber: '2', pk: 'order#o-2', choreography: 'order' },
        { sequenceNumber: '3', pk: 'order#o-9', choreography: 'unknown' },
      ],
      deps
    );

    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
  });
});
