import { DynamoDbStreamEventSchema } from '@vigil/event-schema';
import type { QuarantinedMessage } from '../../../src/adapters/sqs-quarantine';
import { ingestFindings } from '../../../src/core/ingest-findings';
import { CorrelatorUnavailableError, FindingRejectedError } from '../../../src/errors';
import { createMatchCorrelationsHandler } from '../../../src/handlers/match-correlations';
import { ec2Resource, guardDutyAsff, inspectorCve } from '../../helpers/asff-fixtures';
import { createPipeline } from '../../helpers/pipeline';

function streamEvent(records: { pk: string; kind: string; sequence: string; eventName?: string }[]) {
  return DynamoDbStreamEventSchema.parse({
    Records: records.map((record) => ({
      eventID: record.sequence,
      eventName: record.eventName ?? 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      eventSourceARN:
        'arn:aws:dynamodb:us-east-1:111122223333:table/vigil-dev-findings/stream/2024-06-01T00:00:00.000',
      dynamodb: {
        Keys: { pk: { S: record.pk }, sk: { S: 'x' } },
        NewImage: { pk: { S: record.pk }, sk: { S: 'x' }, kind: { S: record.kind } },
        SequenceNumber: record.sequence,
        SizeBytes: 100,
        StreamViewType: 'NEW_IMAGE',
      },
    })),
  });
}

async function setup() {
  const pipeline = createPipeline();
  for (const instance of ['i-1', 'i-2']) {
    const findings = [
      guardDutyAsff('Backdoor:EC2/C&CActivity.B!DNS', ec2Resource(instance)),
      ...['CVE-1', 'CVE-2', 'CVE-3'].map((cve) => inspectorCve(instance, `${cve}-${instance}`)),
    ];
    await ingestFindings(findings, { store: pipeline.store, ruleSet: pipeline.deps.ruleSet });
  }
  const kept: QuarantinedMessage[] = [];
  const handler = createMatchCorrelationsHandler({
    ...pipeline.deps,
    securityHub: {
      importFindings: (findings) => pipeline.sink.importFindings(findings),
      findOpenFindings: async () => [],
      resolveFindings: async () => 0,
    },
    quarantine: { keep: async (message) => void kept.push(message) },
    metrics: { count: () => undefined },
  });
  return { pipeline, kept, handler };
}

describe('match-correlations handler', () => {
  it('reads each resource once per batch and ignores non-finding records', async () => {
    // Prepare
    const { pipeline, handler } = await setup();
    const event = streamEvent([
      { pk: 'ec2-instance:i-1', kind: 'finding', sequence: '100' },
      { pk: 'ec2-instance:i-1', kind: 'finding', sequence: '101' },
      { pk: 'ec2-instance:i-2', kind: 'correlation', sequence: '102' },
    ]);

    // Act
    const response = await handler(event);

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(pipeline.store.reads).toBe(1);
    expect(pipeline.correlated()).toHaveLength(1);
  });

  it('reports the first record of a resource that can be retried', async () => {
    // Prepare
    const { pipeline, handler } = await setup();
    pipeline.sink.failNext = new CorrelatorUnavailableError('Security Hub throttled');
    const event = streamEvent([
      { pk: 'ec2-instance:i-2', kind: 'finding', sequence: '1000' },
      { pk: 'ec2-instance:i-1', kind: 'finding', sequence: '999' },
    ]);

    // Act
    const response = await handler(event);

    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '999' }]);
  });

  it('quarantines a resource that fails for good, with the reason, and lets the batch go on', async () => {
    // Prepare
    const { pipeline, kept, handler } = await setup();
    pipeline.sink.failNext = new FindingRejectedError(
      'Security Hub refused 1 finding(s): x: InvalidInput bad'
    );

    // Act
    const response = await handler(streamEvent([{ pk: 'ec2-instance:i-1', kind: 'finding', sequence: '5' }]));

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(kept).toEqual([
      expect.objectContaining({
        code: 'FINDING_REJECTED',
        source: 'match-correlations',
        reason: expect.stringContaining('InvalidInput bad'),
      }),
    ]);
  });
});
