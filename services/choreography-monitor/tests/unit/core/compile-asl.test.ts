import { VIGIL_WORKFLOW_STUCK } from '@vigil/event-schema';
import validateAsl from 'asl-validator';
import { compileAsl } from '../../../src/core/compile-asl';
import { shippedModel } from '../../helpers/models';

const order = shippedModel('order');
const asl = compileAsl(order);
const state = (name: string) => {
  const found = asl.States[name];
  if (found === undefined) throw new Error(`no state ${name}`);
  return found;
};

describe('compileAsl', () => {
  it.each(['order', 'refund'] as const)('produces a definition asl-validator accepts (%s)', (name) => {
    // Prepare
    const definition = compileAsl(shippedModel(name));

    // Act
    const result = validateAsl(structuredClone(definition), { checkPaths: true, checkArn: true });

    // Assess
    expect(result.errorsText()).toBe('');
    expect(result.isValid).toBe(true);
  });

  it('starts at the state the start event leads to', () => {
    // Assess
    expect(asl.StartAt).toBe('AwaitingPayment');
  });

  it('waits in a putItem.waitForTaskToken task that stores the token, state, correlation id and ttl', () => {
    // Act
    const task = state('AwaitingPayment');

    // Assess
    expect(task).toMatchObject({
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:putItem.waitForTaskToken',
      TimeoutSeconds: 900,
      ResultPath: '$.lastEvent',
      Next: 'Route AwaitingPayment',
      Parameters: {
        TableName: `\${TokensTableName}`,
        Item: {
          pk: { 'S.$': '$.tokenKey' },
          sk: { S: 'TOKEN' },
          token: { 'S.$': '$$.Task.Token' },
          state: { S: 'AwaitingPayment' },
          correlationId: { 'S.$': '$.correlationId' },
          ttl: { 'N.$': '$.tokenTtl' },
        },
      },
    });
    expect(task.Catch).toEqual([
      { ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: 'Report AwaitingPayment stuck' },
    ]);
  });

  it('routes on the received detail-type and falls back to an unexpected-event failure', () => {
    // Act
    const choice = state('Route AwaitingPayment');

    // Assess
    expect(choice).toEqual({
      Type: 'Choice',
      Choices: [
        { Variable: '$.lastEvent.detailType', StringEquals: 'Payment Succeeded', Next: 'AwaitingInventory' },
        { Variable: '$.lastEvent.detailType', StringEquals: 'Payment Failed', Next: 'PaymentFailed' },
      ],
      Default: 'Unexpected in AwaitingPayment',
    });
    expect(state('Unexpected in AwaitingPayment')).toEqual({
      Type: 'Pass',
      Parameters: {
        'cause.$':
          "States.Format('AwaitingPayment does not accept {} from {} (expects Payment Succeeded | Payment Failed)', $.lastEvent.detailType, $.lastEvent.source)",
      },
      ResultPath: '$.unexpected',
      Next: 'Fail unexpected in AwaitingPayment',
    });
    expect(state('Fail unexpected in AwaitingPayment')).toEqual({
      Type: 'Fail',
      Error: 'Vigil.UnexpectedEvent',
      CausePath: '$.unexpected.cause',
    });
  });

  it('adds detail conditions to a transition, guarded so a missing field does not fail the execution', () => {
    // Act
    const choice = state('Route AwaitingDelivery') as { Choices: Record<string, unknown>[] };

    // Assess
    expect(choice.Choices[1]).toEqual({
      And: [
        { Variable: '$.lastEvent.detailType', StringEquals: 'Delivery Failed' },
        { Variable: '$.lastEvent.detail.attempt', IsPresent: true },
        { Variable: '$.lastEvent.detail.attempt', IsNumeric: true },
        { Variable: '$.lastEvent.detail.attempt', NumericLessThan: 3 },
      ],
      Next: 'AwaitingDelivery',
    });
  });

  it('reports a timed-out state as Vigil Workflow Stuck, then fails as stuck', () => {
    // Act
    const report = state('Report AwaitingInventory stuck') as {
      Parameters: { Entries: Record<string, unknown>[] };
      Next: string;
    };
    const [entry] = report.Parameters.Entries;

    // Assess
    expect(report).toMatchObject({
      Type: 'Task',
      Resource: 'arn:aws:states:::events:putEvents',
      Next: 'AwaitingInventory stuck',
    });
    expect(entry).toMatchObject({
      EventBusName: `\${VigilEventBusName}`,
      Source: VIGIL_WORKFLOW_STUCK.source,
      DetailType: VIGIL_WORKFLOW_STUCK.detailType,
      Detail: {
        schemaVersion: '1',
        status: 'STUCK',
        state: 'AwaitingInventory',
        timeoutSeconds: 1800,
        'executionArn.$': '$$.Execution.Id',
      },
    });
    expect(state('AwaitingInventory stuck')).toMatchObject({ Type: 'Fail', Error: 'Vigil.WorkflowStuck' });
  });

  it('emits a Stuck detail that matches the Vigil Workflow Stuck contract once its paths are filled in', () => {
    // Prepare
    const report = state('Report AwaitingPayment stuck') as {
      Parameters: { Entries: { Detail: Record<string, unknown> }[] };
    };
    const values: Record<string, unknown> = {
      '$.choreography': 'order',
      '$.correlationId': 'o-1',
      '$$.Execution.Id': 'arn:aws:states:us-east-1:000000000000:execution:m:o-1',
      '$.lastEvent.id': 'e-1',
      '$.lastEvent.source': 'com.example.orders',
      '$.lastEvent.detailType': 'Order Placed',
      '$.lastEvent.time': '2026-01-01T00:00:00Z',
    };
    const fill = (template: Record<string, unknown>): Record<string, unknown> =>
      Object.fromEntries(
        Object.entries(template).map(([key, value]) =>
          key.endsWith('.$')
            ? [key.slice(0, -2), values[String(value)]]
            : [
                key,
                typeof value === 'object' && value !== null ? fill(value as Record<string, unknown>) : value,
              ]
        )
      );

    // Act
    const result = VIGIL_WORKFLOW_STUCK.schema.safeParse(fill(report.Parameters.Entries[0]?.Detail ?? {}));

    // Assess
    expect(result.success).toBe(true);
  });

  it('turns terminal states into Succeed and Fail with the declared error', () => {
    // Assess
    expect(state('Delivered')).toEqual({ Type: 'Succeed' });
    expect(state('PaymentFailed')).toEqual({
      Type: 'Fail',
      Error: 'Order.PaymentFailed',
      Cause: 'The payment service declined the payment',
    });
  });
});
