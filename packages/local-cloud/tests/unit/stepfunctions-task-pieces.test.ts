import { SfnApiError } from '../../src/stepfunctions/errors';
import { buildStatusChangeEntry } from '../../src/stepfunctions/status-change-event';
import { parseTaskResource } from '../../src/stepfunctions/task-resource';
import { TaskTokenRegistry } from '../../src/stepfunctions/task-token-registry';

describe('parseTaskResource', () => {
  it.each([
    [
      'arn:aws:states:::dynamodb:putItem.waitForTaskToken',
      'dynamodb',
      'putItem.waitForTaskToken',
      'dynamodb',
      true,
    ],
    [
      'arn:aws:states:::aws-sdk:dynamodb:putItem.waitForTaskToken',
      'aws-sdk:dynamodb',
      'putItem.waitForTaskToken',
      'dynamodb',
      true,
    ],
    ['arn:aws:states:::events:putEvents', 'events', 'putEvents', 'events', false],
    ['arn:aws:states:::lambda:invoke', 'lambda', 'invoke', 'lambda', false],
    ['arn:aws:states:::sqs:sendMessage', 'sqs', 'sendMessage', 'unsupported', false],
  ])('reads %s', (arn, resourceType, resource, service, isWaitForTaskToken) => {
    // Act
    const parsed = parseTaskResource(arn);

    // Assess
    expect(parsed).toMatchObject({ resourceType, resource, service, isWaitForTaskToken });
  });

  it('reads a plain Lambda ARN as a function call', () => {
    // Act
    const parsed = parseTaskResource('arn:aws:lambda:eu-west-1:123456789012:function:score-alert:live');

    // Assess
    expect(parsed).toMatchObject({ service: 'lambda-function', functionName: 'score-alert' });
  });
});

describe('TaskTokenRegistry', () => {
  it('issues unique tokens and settles a wait once', async () => {
    // Prepare
    const registry = new TaskTokenRegistry();
    const token = registry.issue();
    const outcome = registry.wait(token, 'arn:execution', undefined);

    // Act
    registry.succeed(token, '{"ok":true}');
    const second = () => registry.succeed(token, '{}');

    // Assess
    expect(registry.issue()).not.toBe(token);
    await expect(outcome).resolves.toEqual({ kind: 'success', output: { ok: true } });
    expect(second).toThrow(expect.objectContaining({ code: 'TaskTimedOut' }));
    expect(() => registry.heartbeat('never-issued')).toThrow(
      expect.objectContaining({ code: 'InvalidToken' })
    );
  });

  it('rejects output that is not JSON and keeps the task waiting', async () => {
    // Prepare
    const registry = new TaskTokenRegistry();
    const token = registry.issue();
    const outcome = registry.wait(token, 'arn:execution', undefined);

    // Act
    const invalid = () => registry.succeed(token, 'not json');
    registry.fail(token, 'Boom', 'because');

    // Assess
    expect(invalid).toThrow(SfnApiError);
    expect(invalid).toThrow(/Invalid JSON/u);
    await expect(outcome).resolves.toEqual({ kind: 'failure', error: 'Boom', cause: 'because' });
  });

  it('times a wait out when no heartbeat comes within HeartbeatSeconds', async () => {
    // Prepare
    jest.useFakeTimers();
    const registry = new TaskTokenRegistry();
    const token = registry.issue();
    const outcome = registry.wait(token, 'arn:execution', 2);

    // Act
    jest.advanceTimersByTime(1500);
    registry.heartbeat(token);
    jest.advanceTimersByTime(1500);
    const isStillWaiting = (() => {
      try {
        registry.heartbeat(token);
        return true;
      } catch {
        return false;
      }
    })();
    jest.advanceTimersByTime(2500);
    jest.useRealTimers();

    // Assess
    expect(isStillWaiting).toBe(true);
    await expect(outcome).resolves.toEqual({ kind: 'heartbeat-timeout' });
  });
});

describe('buildStatusChangeEntry', () => {
  it('builds the event Step Functions sends for a failed execution', () => {
    // Prepare
    const executionArn = 'arn:aws:states:us-east-1:000000000000:execution:m:e';

    // Act
    const entry = buildStatusChangeEntry({
      executionArn,
      stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:m',
      name: 'e',
      status: 'FAILED',
      startDate: new Date(1000),
      stopDate: new Date(5000),
      input: '{}',
      error: 'States.Timeout',
      cause: 'late',
    });

    // Assess
    expect(entry).toMatchObject({
      Source: 'aws.states',
      DetailType: 'Step Functions Execution Status Change',
      Resources: [executionArn],
      Time: new Date(5000),
    });
    expect(JSON.parse(entry.Detail ?? '{}')).toMatchObject({
      status: 'FAILED',
      startDate: 1000,
      stopDate: 5000,
      output: null,
      outputDetails: null,
      inputDetails: { included: true },
      error: 'States.Timeout',
      cause: 'late',
    });
  });
});
