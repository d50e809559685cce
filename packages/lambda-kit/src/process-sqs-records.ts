import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse } from 'aws-lambda';
import type { z } from 'zod';
import { logger } from './logger';
import { recordInvalidInput } from './record-invalid-input';

/** The fields of an SQS record this helper needs (the `aws-lambda` type and powertools' `SqsSchema` both fit). */
export type SqsRecordLike = { messageId: string; body: string };

/** Options of {@link processSqsRecords}. */
export type ProcessSqsRecordsOptions<TSchema extends z.ZodType, TRecord extends SqsRecordLike> = {
  event: { Records: TRecord[] };
  context: Context;
  /** Schema of one record's body, after `JSON.parse`. */
  schema: TSchema;
  /** Handles one parsed body; throwing fails that record only (SQS redelivers it, then moves it to the DLQ). */
  handleRecord: (body: z.output<TSchema>, record: TRecord) => Promise<unknown> | unknown;
};

/**
 * Processes an SQS batch record by record with powertools `BatchProcessor` + `processPartialResponse`
 * (enable `functionResponseType: ReportBatchItemFailures` on the event source). Each body is parsed with
 * `schema`; a body that is not JSON or does not match counts the `InvalidInput` metric and fails that record
 * alone, as does a record whose handler throws (logged with its `messageId`). Failed records are redelivered,
 * then land in the DLQ after `maxReceiveCount`: nothing is dropped. A batch where every record failed is
 * reported the same way instead of throwing.
 *
 * @example
 * ```ts
 * import { SqsSchema } from '@aws-lambda-powertools/parser/schemas/sqs';
 * // The envelope is parsed by lambda() (so `event` is typed, never cast); each body by processSqsRecords.
 * export const main = lambda({ schema: SqsSchema }).handler((event, context) =>
 *   processSqsRecords({ event, context, schema: JobSchema, handleRecord: (job) => dispatchJob(job, deps) })
 * );
 * ```
 */
export async function processSqsRecords<TSchema extends z.ZodType, TRecord extends SqsRecordLike>(
  options: ProcessSqsRecordsOptions<TSchema, TRecord>
): Promise<SQSBatchResponse> {
  const { event, context, schema, handleRecord } = options;
  const processor = new BatchProcessor(EventType.SQS);
  const processRecord = async (record: TRecord): Promise<unknown> => {
    const body = parseBody(record, schema);
    try {
      return await handleRecord(body, record);
    } catch (error) {
      logger.error('record failed', { messageId: record.messageId, error });
      throw error;
    }
  };
  return processPartialResponse(event, processRecord, processor, { context, throwOnFullBatchFailure: false });
}

function parseBody<TSchema extends z.ZodType>(record: SqsRecordLike, schema: TSchema): z.output<TSchema> {
  let json: unknown;
  try {
    json = JSON.parse(record.body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw recordInvalidInput(new Error(`body: not JSON (${reason})`, { cause: error }), record.body, {
      messageId: record.messageId,
    });
  }
  const result = schema.safeParse(json);
  if (!result.success) throw recordInvalidInput(result.error, json, { messageId: record.messageId });
  return result.data;
}
