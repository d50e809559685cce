import { AwsApiError } from '../../../src/errors';
import { EventBusRegistry } from '../../../src/router/event-bus-registry';
import { buildEnvelope } from '../../../src/router/eventbridge-envelope';

const scope = { region: 'us-east-1', accountId: '000000000000' };

describe('EventBusRegistry', () => {
  it('matches enabled rules of the event bus only', () => {
    // Prepare
    const registry = new EventBusRegistry(scope);
    registry.createEventBus('custom');
    registry.putRule({ Name: 'on-default', EventPattern: JSON.stringify({ source: ['a'] }) });
    registry.putRule({
      Name: 'on-custom',
      EventBusName: 'custom',
      EventPattern: JSON.stringify({ source: ['a'] }),
    });
    registry.putRule({
      Name: 'disabled',
      EventBusName: 'custom',
      EventPattern: JSON.stringify({ source: ['a'] }),
      State: 'DISABLED',
    });
    const event = buildEnvelope({ Source: 'a', DetailType: 'x', Detail: '{}' }, scope);

    // Act
    const onCustom = registry.matchRules('arn:aws:events:us-east-1:000000000000:event-bus/custom', event);

    // Assess
    expect(onCustom.map((rule) => rule.Name)).toEqual(['on-custom']);
    expect(onCustom[0]?.Arn).toBe('arn:aws:events:us-east-1:000000000000:rule/custom/on-custom');
  });

  it('rejects invalid patterns, schedules off the default bus, unknown buses and a sixth target', () => {
    // Prepare
    const registry = new EventBusRegistry(scope);
    registry.createEventBus('custom');
    registry.putRule({ Name: 'r', EventPattern: JSON.stringify({ source: ['a'] }) });
    const targets = [1, 2, 3, 4, 5].map((n) => ({
      Id: `t${n}`,
      Arn: 'arn:aws:sqs:us-east-1:000000000000:q',
    }));
    registry.putTargets('r', undefined, targets);

    // Act
    const attempts = [
      () => registry.putRule({ Name: 'bad', EventPattern: '{"source": "not-a-list"}' }),
      () => registry.putRule({ Name: 'cron', EventBusName: 'custom', ScheduleExpression: 'rate(1 minute)' }),
      () => registry.putRule({ Name: 'x', EventBusName: 'missing', EventPattern: '{}' }),
      () => registry.putTargets('r', undefined, [{ Id: 't6', Arn: 'arn:aws:sqs:us-east-1:000000000000:q' }]),
    ];

    // Assess
    const codes = attempts.map((attempt) => {
      try {
        attempt();
        return 'none';
      } catch (error) {
        return error instanceof AwsApiError ? error.code : String(error);
      }
    });
    expect(codes).toEqual([
      'InvalidEventPatternException',
      'ValidationException',
      'ResourceNotFoundException',
      'LimitExceededException',
    ]);
  });
});

describe('buildEnvelope', () => {
  it('wraps an entry the way EventBridge delivers it', () => {
    // Act
    const event = buildEnvelope(
      {
        Source: 's',
        DetailType: 'd',
        Detail: '{"a":1}',
        Resources: ['r'],
        Time: new Date('2024-01-01T00:00:00.123Z'),
      },
      scope
    );

    // Assess
    expect(event).toEqual({
      version: '0',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      'detail-type': 'd',
      source: 's',
      account: '000000000000',
      time: '2024-01-01T00:00:00Z',
      region: 'us-east-1',
      resources: ['r'],
      detail: { a: 1 },
    });
  });

  it('rejects missing fields and malformed detail with entry error codes', () => {
    // Act
    const missing = () => buildEnvelope({ Source: 's', Detail: '{}' }, scope);
    const malformed = () => buildEnvelope({ Source: 's', DetailType: 'd', Detail: '[1]' }, scope);

    // Assess
    expect(missing).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
    expect(malformed).toThrow(expect.objectContaining({ code: 'MalformedDetail' }));
  });
});
