import { compilePattern } from '@vigil/event-patterns';
import { compileEventRules } from '../../../src/core/compile-event-rules';
import { compileMermaid, formatDuration } from '../../../src/core/compile-mermaid';
import { executionName } from '../../../src/core/execution-name';
import { bridgeEvent, shippedModel } from '../../helpers/models';

const order = shippedModel('order');

describe('compileEventRules', () => {
  it('matches the start event with the start rule and every transition event with the forward rule', () => {
    // Prepare
    const [start, forward] = compileEventRules(order);

    // Act
    const startMatches = compilePattern(start.pattern).matches(
      bridgeEvent('Order Placed', 'com.example.orders', { order_id: 'o-1' })
    );
    const forwardMatches = compilePattern(forward.pattern).matches(
      bridgeEvent('Order Packaged', 'com.example.warehouse', { order_id: 'o-1' })
    );
    const foreignSource = compilePattern(forward.pattern).matches(
      bridgeEvent('Order Packaged', 'com.example.other', { order_id: 'o-1' })
    );

    // Assess
    expect(start.pattern).toEqual({ source: order.sources, 'detail-type': ['Order Placed'] });
    expect([startMatches, forwardMatches, foreignSource]).toEqual([true, true, false]);
    expect(forward.pattern['detail-type']).toEqual([
      'Payment Succeeded',
      'Payment Failed',
      'Inventory Reserved',
      'Out Of Stock',
      'Order Dispatched',
      'Order Packaged',
      'Order Delivered',
      'Delivery Failed',
    ]);
  });

  it('does not filter on the correlation id, so events without one reach the DLQ', () => {
    // Prepare
    const [start] = compileEventRules(order);

    // Act
    const matches = compilePattern(start.pattern).matches(
      bridgeEvent('Order Placed', 'com.example.orders', {})
    );

    // Assess
    expect(matches).toBe(true);
  });
});

describe('compileMermaid', () => {
  it('draws the start, each transition with its conditions, each SLA and the outcomes', () => {
    // Act
    const diagram = compileMermaid(order);

    // Assess
    expect(diagram.startsWith('stateDiagram-v2\n')).toBe(true);
    expect(diagram).toContain('  [*] --> AwaitingPayment : Order Placed\n');
    expect(diagram).toContain('  AwaitingPayment --> PaymentFailed : Payment Failed\n');
    expect(diagram).toContain(
      '  AwaitingDelivery --> AwaitingDelivery : Delivery Failed [attempt=numeric < 3]\n'
    );
    expect(diagram).toContain('  AwaitingDelivery --> Stuck : no event within 7d\n');
    expect(diagram).toContain('  class PaymentFailed,OutOfStock,DeliveryFailed,Stuck failure\n');
  });

  it.each([
    [90, '90s'],
    [900, '15m'],
    [14_400, '4h'],
    [604_800, '7d'],
  ])('formats %i seconds as %s', (seconds, text) => {
    // Assess
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('executionName', () => {
  it('keeps a valid correlation id as it is', () => {
    // Assess
    expect(executionName('o-42_eu.1')).toBe('o-42_eu.1');
  });

  it('sanitises forbidden characters and keeps ids that sanitise alike apart', () => {
    // Act
    const slash = executionName('order 42/eu');
    const colon = executionName('order 42:eu');

    // Assess
    expect(slash).toMatch(/^order_42_eu-[0-9a-f]{8}$/);
    expect(colon).toMatch(/^order_42_eu-[0-9a-f]{8}$/);
    expect(slash).not.toBe(colon);
    expect(executionName('order 42/eu')).toBe(slash);
  });

  it('keeps names within 80 characters', () => {
    // Act
    const name = executionName('x'.repeat(200));

    // Assess
    expect(name).toHaveLength(80);
    expect(name).not.toBe(executionName(`${'x'.repeat(199)}y`));
  });
});
