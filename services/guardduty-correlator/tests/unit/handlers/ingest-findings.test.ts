import { SqsEventSchema } from '@vigil/event-schema';
import { fakeContext } from '@vigil/lambda-kit/testing';
import type { QuarantinedMessage } from '../../../src/adapters/sqs-quarantine';
import { CorrelatorUnavailableError } from '../../../src/errors';
import { createIngestFindingsHandler } from '../../../src/handlers/ingest-findings';
import {
  guardDutyEvent,
  inspectorCve,
  nativeGuardDutyInstance,
  securityHubEvent,
} from '../../helpers/asff-fixtures';
import { InMemoryFindingStore } from '../../helpers/in-memory-store';
import { builtinRuleSet } from '../../helpers/rules';

function sqsEvent(bodies: string[]) {
  return SqsEventSchema.parse({
    Records: bodies.map((body, index) => ({
      messageId: `m-${index}`,
      receiptHandle: `r-${index}`,
      body,
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '1717236000000',
        SenderId: 'AIDAEXAMPLE',
        ApproximateFirstReceiveTimestamp: '1717236000000',
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:111122223333:vigil-dev-correlator-ingest',
      awsRegion: 'us-east-1',
    })),
  });
}

function setup() {
  const store = new InMemoryFindingStore();
  const kept: QuarantinedMessage[] = [];
  const counted: Record<string, number> = {};
  const handler = createIngestFindingsHandler({
    store,
    ruleSet: builtinRuleSet(),
    quarantine: { keep: async (message) => void kept.push(message) },
    metrics: {
      count: (name, value = 1) => {
        counted[name] = (counted[name] ?? 0) + value;
      },
    },
  });
  return { store, kept, counted, handler };
}

describe('ingest-findings handler', () => {
  it('stores the findings of Security Hub and GuardDuty events', async () => {
    // Prepare
    const { store, handler, counted } = setup();
    const bodies = [
      JSON.stringify(securityHubEvent([inspectorCve('i-1', 'CVE-1'), inspectorCve('i-2', 'CVE-2')])),
      JSON.stringify(guardDutyEvent(nativeGuardDutyInstance('Backdoor:EC2/C&CActivity.B!DNS', 'i-1'))),
    ];

    // Act
    const response = await handler(sqsEvent(bodies), fakeContext());

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(store.findings.size).toBe(3);
    expect(counted).toMatchObject({ FindingsReceived: 3, FindingsStored: 3 });
  });

  it('keeps an event that fails its schema in the DLQ with the reason, and goes on', async () => {
    // Prepare
    const { store, kept, handler } = setup();
    const bad = securityHubEvent([inspectorCve('i-1', 'CVE-1')]);
    (bad.detail.findings[0] as { Severity: unknown }).Severity = { Label: 'SEVERE' };
    const bodies = [JSON.stringify(bad), JSON.stringify(securityHubEvent([inspectorCve('i-2', 'CVE-2')]))];

    // Act
    const response = await handler(sqsEvent(bodies), fakeContext());

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(store.findings.size).toBe(1);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({
      code: 'INVALID_INPUT',
      source: 'ingest-findings',
      sourceMessageId: 'm-0',
      body: JSON.stringify(bad),
    });
    expect(kept[0]?.reason).toMatch(/detail\.findings\[0\]\.Severity\.Label/);
  });

  it('keeps an event with an unkeyable finding with the reason, after storing its other findings', async () => {
    // Prepare
    const { store, kept, handler } = setup();
    const unkeyable = { ...inspectorCve('i-1', 'CVE-9'), Resources: [{ Type: 'Other', Id: 'opaque' }] };
    const body = JSON.stringify(securityHubEvent([unkeyable, inspectorCve('i-2', 'CVE-2')]));

    // Act
    await handler(sqsEvent([body]), fakeContext());

    // Assess
    expect(store.findings.size).toBe(1);
    expect(kept[0]).toMatchObject({
      code: 'UNKEYABLE_FINDING',
      reason: expect.stringContaining('no resource can be keyed'),
    });
  });

  it('fails only the record whose write can be retried', async () => {
    // Prepare
    const { store, handler } = setup();
    const put = store.putFinding.bind(store);
    store.putFinding = async (finding, mode) => {
      if (finding.resourceKey === 'ec2-instance:i-2') throw new CorrelatorUnavailableError('throttled');
      return put(finding, mode);
    };
    const bodies = [
      JSON.stringify(securityHubEvent([inspectorCve('i-1', 'CVE-1')])),
      JSON.stringify(securityHubEvent([inspectorCve('i-2', 'CVE-2')])),
    ];

    // Act
    const response = await handler(sqsEvent(bodies), fakeContext());

    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
    expect(store.findings.size).toBe(1);
  });
});
