import {
  readCorrelationId,
  WorkflowEventSchema,
  workflowEventSchema,
} from '../../../src/choreography/workflow-event';
import {
  VIGIL_WORKFLOW_COMPLETED,
  VIGIL_WORKFLOW_FAILED,
  VIGIL_WORKFLOW_STUCK,
  WorkflowStatusEventSchema,
} from '../../../src/choreography/workflow-status';
import { parseWith } from '../../../src/validation/parse-with';
import { loadEvent, loadEventRecord } from '../../helpers/load-event';

function busEvent(detailType: string, detail: unknown) {
  return {
    version: '0',
    id: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
    'detail-type': detailType,
    source: 'vigil.choreography',
    account: '111122223333',
    time: '2024-05-14T09:35:00Z',
    region: 'eu-west-1',
    resources: [],
    detail,
  };
}

describe('workflowEventSchema', () => {
  it('accepts an event with the declared correlation id', () => {
    // Prepare
    const event = loadEvent('vigil/order-placed-workflow-event.json');

    // Act
    const parsed = parseWith(workflowEventSchema('$.detail.order_id'), event, 'workflow event');

    // Assess
    expect(readCorrelationId(parsed, '$.detail.order_id')).toBe('o-12345');
    expect(WorkflowEventSchema.safeParse(event).success).toBe(true);
  });

  it('rejects an event without the correlation id, naming the path', () => {
    // Prepare
    const event = { ...loadEventRecord('vigil/order-placed-workflow-event.json'), detail: { total: 1 } };

    // Act
    const act = () => parseWith(workflowEventSchema('detail.order_id'), event, 'workflow event');

    // Assess
    expect(act).toThrow(
      'detail.order_id: expected a correlation id (non-empty string or number), got nothing (missing)'
    );
  });
});

describe('readCorrelationId', () => {
  it.each([
    [{ detail: { id: 42 } }, 'detail.id', '42'],
    [{ detail: { id: '' } }, 'detail.id', undefined],
    [{ detail: { id: { nested: 1 } } }, 'detail.id', undefined],
    [{ detail: null }, '$.detail.id', undefined],
  ])('reads %j at %s', (event, path, expected) => {
    // Prepare
    const input: unknown = event;

    // Act
    const id = readCorrelationId(input, path);

    // Assess
    expect(id).toBe(expected);
  });
});

describe('WorkflowStatusEventSchema', () => {
  it.each([
    [VIGIL_WORKFLOW_STUCK.detailType, 'vigil/vigil-workflow-stuck.json'],
    [VIGIL_WORKFLOW_FAILED.detailType, 'vigil/vigil-workflow-failed.json'],
    [VIGIL_WORKFLOW_COMPLETED.detailType, 'vigil/vigil-workflow-completed.json'],
  ])('parses %s', (detailType, fixture) => {
    // Prepare
    const event = busEvent(detailType, loadEvent(fixture));

    // Act
    const parsed = parseWith(WorkflowStatusEventSchema, event, 'workflow status event');

    // Assess
    expect(parsed.detail.correlationId).toBe('o-12345');
    expect(parsed.detail.lastEvent.detailType).toBe('Payment Processed');
  });

  it('rejects a status that contradicts the detail-type', () => {
    // Prepare
    const event = busEvent('Vigil Workflow Completed', loadEvent('vigil/vigil-workflow-stuck.json'));

    // Act
    const act = () => parseWith(WorkflowStatusEventSchema, event, 'workflow status event');

    // Assess
    expect(act).toThrow('detail.status: expected detail.status to match detail-type');
  });

  it('rejects an execution ARN that is not an ARN', () => {
    // Prepare
    const detail = { ...loadEventRecord('vigil/vigil-workflow-stuck.json'), executionArn: 'o-12345' };

    // Act
    const act = () => parseWith(VIGIL_WORKFLOW_STUCK.schema, detail, 'stuck detail');

    // Assess
    expect(act).toThrow('executionArn: expected a string starting with "arn:"');
  });
});
