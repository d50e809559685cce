import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { formatValidationError } from '@vigil/event-schema';
import { type JobRecord, JobRecordSchema } from '../core/job-record';
import { CorruptJobRecordError } from '../errors';

export type Item = Record<string, AttributeValue>;

const S = (value: string): AttributeValue => ({ S: value });
const N = (value: number): AttributeValue => ({ N: String(value) });

/**
 * A job record as a DynamoDB item: scalar attributes, `detail` and `recurrence` as JSON strings (cheaper
 * to store and to turn into the PutEvents `Detail` than nested maps).
 */
export function encodeJobItem(record: JobRecord): Item {
  const item: Item = {
    pk: S(record.pk),
    sk: S(record.sk),
    jobId: S(record.jobId),
    dueAt: S(record.dueAt),
    fireAt: S(record.fireAt),
    detailType: S(record.detailType),
    source: S(record.source),
    detail: S(JSON.stringify(record.detail)),
    attempts: N(record.attempts),
    createdAt: S(record.createdAt),
  };
  if (record.targetBus !== undefined) item.targetBus = S(record.targetBus);
  if (record.recurrence !== undefined) item.recurrence = S(JSON.stringify(record.recurrence));
  if (record.maxAttempts !== undefined) item.maxAttempts = N(record.maxAttempts);
  if (record.maxEventAgeSeconds !== undefined) item.maxEventAgeSeconds = N(record.maxEventAgeSeconds);
  if (record.flexibleWindowMinutes !== undefined)
    item.flexibleWindowMinutes = N(record.flexibleWindowMinutes);
  if (record.jitterSeconds !== undefined) item.jitterSeconds = N(record.jitterSeconds);
  if (record.lastError !== undefined) item.lastError = S(record.lastError);
  return item;
}

function plain(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  return undefined;
}

function parseJson(text: unknown, field: string): unknown {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new CorruptJobRecordError(`${field}: not valid JSON`);
  }
}

/** Reads an item back. @throws CorruptJobRecordError with the readable reason when it is not a job. */
export function decodeJobItem(item: Item): JobRecord {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) fields[name] = plain(value);
  fields.detail = parseJson(fields.detail, 'detail');
  if (fields.recurrence !== undefined) fields.recurrence = parseJson(fields.recurrence, 'recurrence');
  const parsed = JobRecordSchema.safeParse(fields);
  if (!parsed.success) throw new CorruptJobRecordError(formatValidationError(parsed.error));
  return parsed.data;
}

/** The item as plain JSON (for a dead letter). */
export function itemToJson(item: Item): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, plain(value) ?? value]));
}
