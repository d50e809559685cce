import { readJsonPath, targetInput } from '../../../src/router/target-input';

const event = {
  version: '0',
  id: 'e1',
  'detail-type': 'Order Placed',
  source: 'fixture.orders',
  time: '2024-01-01T00:00:00Z',
  detail: { orderId: 'o-1', amount: 120, lines: [{ sku: 'a' }], note: 'say "hi"' },
};
const rule = { Name: 'r', Arn: 'arn:aws:events:us-east-1:000000000000:rule/r' };

describe('targetInput', () => {
  it('sends the whole event by default', () => {
    // Act
    const text = targetInput({ Id: 't', Arn: 'a' }, event, rule);

    // Assess
    expect(JSON.parse(text)).toEqual(event);
  });

  it('sends constant Input and the InputPath part', () => {
    // Act
    const constant = targetInput({ Id: 't', Arn: 'a', Input: '{"fixed":true}' }, event, rule);
    const path = targetInput({ Id: 't', Arn: 'a', InputPath: '$.detail.lines[0]' }, event, rule);

    // Assess
    expect(constant).toBe('{"fixed":true}');
    expect(JSON.parse(path)).toEqual({ sku: 'a' });
  });

  it('renders input transformers with quoted and unquoted placeholders', () => {
    // Prepare
    const target = {
      Id: 't',
      Arn: 'a',
      InputTransformer: {
        InputPathsMap: { order: '$.detail.orderId', amount: '$.detail.amount', note: '$.detail.note' },
        InputTemplate:
          '{"order": <order>, "text": "order <order> of <amount>", "note": "<note>", "rule": "<aws.events.rule-name>"}',
      },
    };

    // Act
    const text = targetInput(target, event, rule);

    // Assess
    expect(JSON.parse(text)).toEqual({ order: 'o-1', text: 'order o-1 of 120', note: 'say "hi"', rule: 'r' });
  });
});

describe('readJsonPath', () => {
  it('reads dotted and indexed paths and misses gracefully', () => {
    // Act
    const values = ['$', '$.detail.amount', '$.detail.lines[0].sku', '$.detail.nope.deeper'].map((p) =>
      readJsonPath(event, p)
    );

    // Assess
    expect(values).toEqual([event, 120, 'a', undefined]);
  });
});
