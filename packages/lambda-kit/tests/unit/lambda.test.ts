import '../helpers/enable-metrics';

import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { EventBridgeEnvelope } from '@aws-lambda-powertools/parser/envelopes/eventbridge';
import { z } from 'zod';
import { InvalidInputError } from '../../src/errors';
import { lambda } from '../../src/lambda';
import { logger } from '../../src/logger';
import { metrics } from '../../src/metrics';
import { fakeContext } from '../../src/testing/fake-context';
import { invokeHandler } from '../../src/testing/invoke-handler';
import { captureEmf, metricValues } from '../helpers/emf';

const JobSchema = z.object({ jobId: z.string().min(1), attempt: z.number().int() });

const eventBridge = (detail: unknown) => ({
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'Job Due',
  source: 'vigil.scheduler',
  account: '111122223333',
  time: '2026-01-01T00:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail,
});

describe('lambda', () => {
  let emf: ReturnType<typeof captureEmf>;

  beforeEach(() => {
    emf = captureEmf();
  });

  afterEach(() => {
    emf.restore();
    jest.restoreAllMocks();
  });

  it('passes the parsed event to the handler', async () => {
    // Prepare
    const main = lambda({ schema: JobSchema }).handler(async (job) => `${job.jobId}#${job.attempt}`);

    // Act
    const result = await invokeHandler(main, { jobId: 'j-1', attempt: 2, extra: 'dropped' });

    // Assess
    expect(result).toBe('j-1#2');
  });

  it('types the event by the trigger when no schema is given', async () => {
    // Prepare
    const main = lambda<{ Records: { messageId: string }[] }>().handler(async (event) =>
      event.Records.map((record) => record.messageId)
    );

    // Act
    const ids = await main({ Records: [{ messageId: 'm-1' }] }, fakeContext());

    // Assess
    expect(ids).toEqual(['m-1']);
  });

  it('flushes metrics with namespace and service when the handler throws', async () => {
    // Prepare
    const main = lambda().handler(async () => {
      metrics.addMetric('JobsDispatched', MetricUnit.Count, 3);
      throw new Error('boom');
    });

    // Act
    const run = main({}, fakeContext());

    // Assess
    await expect(run).rejects.toThrow('boom');
    const blob = emf.blobs().find((b) => 'JobsDispatched' in b);
    expect(blob?.JobsDispatched).toBe(3);
    expect(blob?._aws.CloudWatchMetrics[0]?.Namespace).toBe('Vigil');
    expect(blob?.service).toBe('vigil');
  });

  it('rejects invalid input with a readable InvalidInputError, an InvalidInput metric and one warn line', async () => {
    // Prepare
    const handler = jest.fn(async () => 'never');
    const warn = jest.spyOn(logger, 'warn');
    const main = lambda({ schema: JobSchema }).handler(handler);

    // Act
    const error = await invokeHandler(main, { jobId: '', attempt: 'two' }).catch((thrown: unknown) => thrown);

    // Assess
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toHaveProperty(
      'message',
      'invalid input: jobId: too small: expected string to have >=1 characters, got ""; attempt: expected number, got "two"'
    );
    expect(error).toHaveProperty('code', 'INVALID_INPUT');
    expect(handler).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toContain('attempt: expected number, got "two"');
    expect(metricValues(emf.blobs()).InvalidInput).toBe(1);
  });

  it('reports envelope paths from the raw event', async () => {
    // Prepare
    const main = lambda({ schema: JobSchema, envelope: EventBridgeEnvelope }).handler(
      async (job) => job.jobId
    );

    // Act
    const ok = await invokeHandler(main, eventBridge({ jobId: 'j-2', attempt: 1 }));
    const run = invokeHandler(main, eventBridge({ jobId: 'j-3' }));

    // Assess
    expect(ok).toBe('j-2');
    await expect(run).rejects.toThrow('invalid input: detail.attempt: required');
  });

  it('sets the correlation id from the raw event before the handler runs', async () => {
    // Prepare
    const main = lambda({ correlationIdPath: 'detail.jobId' }).handler(async () => logger.getCorrelationId());

    // Act
    const correlationId = await main(eventBridge({ jobId: 'j-9' }), fakeContext());

    // Assess
    expect(correlationId).toBe('j-9');
  });

  it('publishes a ColdStart metric on the first invocation only', async () => {
    // Lambda sets this on on-demand instances; powertools reports no cold start without it.
    process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';
    await jest.isolateModulesAsync(async () => {
      // Prepare: a fresh module registry, hence a fresh metrics singleton that has not seen a cold start.
      const fresh = await import('../../src/lambda');
      const main = fresh.lambda().handler(async () => 'ok');

      // Act
      await main({}, fakeContext({ functionName: 'ingest-log-file' }));
      await main({}, fakeContext({ functionName: 'ingest-log-file' }));

      // Assess
      const coldStarts = emf.blobs().filter((blob) => 'ColdStart' in blob);
      expect(coldStarts).toHaveLength(1);
      expect(coldStarts[0]?.function_name).toBe('ingest-log-file');
    });
    delete process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
  });
});
