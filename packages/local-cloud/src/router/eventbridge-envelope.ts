import { randomUUID } from 'node:crypto';
import { AwsApiError } from '../errors';
import type { EventBridgeEnvelope, PutEventsEntry } from './eventbridge-schemas';

/** EventBridge's time format: ISO 8601 in UTC without milliseconds. */
export function formatEventTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

function timeOf(time: PutEventsEntry['Time']): Date {
  if (time === undefined) return new Date();
  if (time instanceof Date) return time;
  if (typeof time === 'number') return new Date(time * 1000);
  return new Date(time);
}

const MAX_ENTRY_BYTES = 256 * 1024;

/**
 * Validates one PutEvents entry as EventBridge does and wraps it in the envelope targets receive.
 * Throws `AwsApiError` with the entry-level error code (`InvalidArgument`, `MalformedDetail`).
 *
 * @example
 * buildEnvelope({ Source: 'vigil.test', DetailType: 'Thing', Detail: '{}' }, { region, accountId });
 */
export function buildEnvelope(
  entry: PutEventsEntry,
  scope: { region: string; accountId: string }
): EventBridgeEnvelope {
  for (const field of ['Source', 'DetailType', 'Detail'] as const) {
    if (entry[field] === undefined || entry[field] === '') {
      throw new AwsApiError(
        'InvalidArgument',
        `Parameter ${field} is not valid. Reason: ${field} is a required argument.`
      );
    }
  }
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail ?? '');
  } catch {
    throw new AwsApiError('MalformedDetail', 'Detail is malformed.');
  }
  if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) {
    throw new AwsApiError('MalformedDetail', 'Detail is malformed.');
  }
  if (Buffer.byteLength(JSON.stringify(entry)) > MAX_ENTRY_BYTES) {
    throw new AwsApiError('InvalidArgument', 'Total size of the entries in the request is over the limit.');
  }
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': entry.DetailType ?? '',
    source: entry.Source ?? '',
    account: scope.accountId,
    time: formatEventTime(timeOf(entry.Time)),
    region: scope.region,
    resources: entry.Resources ?? [],
    detail,
  };
}
