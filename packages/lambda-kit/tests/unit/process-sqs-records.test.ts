import '../helpers/enable-metrics';

import { SqsSchema } from '@aws-lambda-powertools/parser/schemas/sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { PermanentError } from '../../src/errors';
import { lambda } from '../../src/lambda';
import { logger } from '../../src/logger';
import { processSqsRecords } from '../../src/process-sqs-records';
import { fakeContext } from '../../src/testing/fake-context';
import { invokeHandler } from '../../src/testing/invoke-handler';
import { captureEmf, metricValues } from '../helpers/emf';

const JobSchema = z.object({ jobId: z.string(), attempt: z.number().int() });

function sqsRecord(messageId: string, body: string): SQSRecord {
  return {
    messageId,
    receiptHandle: `handle-${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1767225600000',
      SenderId: 'AIDAIENQZJOLO23YVJ4VO',
      ApproximateFirstReceiveTimestamp: '1767225600001',
    },
    messageAttributes: {},
    md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:vigil-dev-jobs',
    awsRegion: 'us-east-1',
  };
}

describe('processSqsRecords', () => {
  let emf: ReturnType<typeof captureEmf>;

  beforeEach(() => {
    emf = captureEmf();
  });

  afterEach(() => {
    emf.restore();
    jest.restoreAllMocks();
  });

  it('fails only the record whose body does not match, with a metric and its messageId logged', async () => {
    // Prepare
    const event: SQSEvent = {
      Records: [
        sqsRecord('m-1', JSON.stringify({ jobId: 'j-1', attempt: 1 })),
        sqsRecord('m-2', JSON.stringify({ jobId: 'j-2', attempt: 'first' })),
        sqsRecord('m-3', JSON.stringify({ jobId: 'j-3', attempt: 3 })),
      ],
    };
    const handled: string[] = [];
    const warn = jest.spyOn(logger, 'warn');
    const main = lambda({ schema: SqsSchema }).handler((sqsEvent, context) =>
      processSqsRecords({
        event: sqsEvent,
        context,
        schema: JobSchema,
        handleRecord: (job) => {
          handled.push(job.jobId);
        },
      })
    );

    // Act
    const response = await invokeHandler(main, event);

    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-2' }] });
    expect(handled.sort()).toEqual(['j-1', 'j-3']);
    expect(warn).toHaveBeenCalledWith('invalid input: attempt: expected number, got "first"', {
      messageId: 'm-2',
    });
    expect(metricValues(emf.blobs()).InvalidInput).toBe(1);
  });

  it('fails a record whose body is not JSON', async () => {
    // Prepare
    const event: SQSEvent = { Records: [sqsRecord('m-1', 'Test message.')] };
    const handleRecord = jest.fn();

    // Act
    const response = await processSqsRecords({
      event,
      context: fakeContext(),
      schema: JobSchema,
      handleRecord,
    });

    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
    expect(handleRecord).not.toHaveBeenCalled();
  });

  it('fails a record whose handler throws and logs the error with its messageId', async () => {
    // Prepare
    const event: SQSEvent = {
      Records: [
        sqsRecord('m-1', '{"jobId":"j-1","attempt":1}'),
        sqsRecord('m-2', '{"jobId":"j-2","attempt":1}'),
      ],
    };
    const failure = new PermanentError('unknown target bus');
    const logError = jest.spyOn(logger, 'error');

    // Act
    const response = await processSqsRecords({
      event,
      context: fakeContext(),
      schema: JobSchema,
      handleRecord: async (job) => {
        if (job.jobId === 'j-2') throw failure;
      },
    });

    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-2' }]);
    expect(logError).toHaveBeenCalledWith('record failed', { messageId: 'm-2', error: failure });
  });

  it('reports a batch where every record failed instead of throwing', async () => {
    // Prepare
    const event: SQSEvent = { Records: [sqsRecord('m-1', '[]'), sqsRecord('m-2', 'null')] };

    // Act
    const response = await processSqsRecords({
      event,
      context: fakeContext(),
      schema: JobSchema,
      handleRecord: jest.fn(),
    });

    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }, { itemIdentifier: 'm-2' }]);
  });
});
