import { z } from 'zod';
import { VIGIL_ALERT } from '../../../src/alerts/vigil-alert';
import { buildPutEventsEntry, defineEventContract } from '../../../src/common/event-contract';
import { VIGIL_EVENT_CONTRACTS } from '../../../src/contracts/vigil-contracts';
import { SchemaValidationError } from '../../../src/errors';
import { loadEvent, loadEventRecord } from '../../helpers/load-event';

describe('VIGIL_EVENT_CONTRACTS', () => {
  it('lists the contracts of DESIGN.md with unique source and detail-type pairs', () => {
    // Prepare
    const contracts = VIGIL_EVENT_CONTRACTS;

    // Act
    const pairs = contracts.map((c) => `${c.source} / ${c.detailType}`);

    // Assess
    expect(pairs).toEqual([
      'vigil.cloudtrail / Vigil Alert',
      'vigil.correlator / Vigil Correlated Finding',
      'vigil.scheduler / Vigil Scheduler Paused',
      'vigil.choreography / Vigil Workflow Stuck',
      'vigil.choreography / Vigil Workflow Failed',
      'vigil.choreography / Vigil Workflow Completed',
    ]);
  });
});

describe('defineEventContract', () => {
  it('derives the EventBridge pattern and the whole event schema', () => {
    // Prepare
    const contract = defineEventContract('com.example', 'Thing Happened', z.object({ n: z.number() }));

    // Act
    const valid = contract.eventSchema.safeParse({
      version: '0',
      id: '1',
      'detail-type': 'Thing Happened',
      source: 'com.example',
      account: '111122223333',
      time: '2024-05-14T09:00:00Z',
      region: 'eu-west-1',
      resources: [],
      detail: { n: 1 },
    });

    // Assess
    expect(contract.pattern).toEqual({ source: ['com.example'], 'detail-type': ['Thing Happened'] });
    expect(valid.success).toBe(true);
  });
});

describe('buildPutEventsEntry', () => {
  it('builds the PutEvents entry of a valid alert', () => {
    // Prepare
    const alert = loadEvent('vigil/vigil-alert.json') as z.input<typeof VIGIL_ALERT.schema>;

    // Act
    const entry = buildPutEventsEntry(VIGIL_ALERT, alert, 'vigil-dev');

    // Assess
    expect(entry).toEqual({
      Source: 'vigil.cloudtrail',
      DetailType: 'Vigil Alert',
      Detail: expect.any(String),
      EventBusName: 'vigil-dev',
    });
    expect(JSON.parse(entry.Detail)).toEqual(alert);
  });

  it('refuses to publish an alert its consumers would reject', () => {
    // Prepare
    const alert = { ...loadEventRecord('vigil/vigil-alert.json'), severity: 'URGENT' } as unknown as z.input<
      typeof VIGIL_ALERT.schema
    >;

    // Act
    const act = () => buildPutEventsEntry(VIGIL_ALERT, alert, 'vigil-dev');

    // Assess
    expect(act).toThrow(SchemaValidationError);
    expect(act).toThrow('invalid Vigil Alert detail: severity: expected one of');
  });
});
