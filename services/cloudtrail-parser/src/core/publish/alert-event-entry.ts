import { buildPutEventsEntry, type PutEventsEntry, VIGIL_ALERT, type VigilAlert } from '@vigil/event-schema';
import { PermanentCloudTrailParserError } from '../../errors';

/** EventBridge's limit on one `PutEvents` entry (time, source, detail-type, detail and resources, UTF-8). */
export const MAX_ENTRY_BYTES = 256 * 1024;

/**
 * The `PutEvents` entry of an alert: source `vigil.cloudtrail`, detail-type `Vigil Alert`, detail the
 * alert (validated against its contract). An alert too large for one entry loses its resource list
 * first (the SNS message and the record keep the full story); if it is still too large it is refused.
 */
export function buildAlertEventEntry(alert: VigilAlert, eventBusName: string): PutEventsEntry {
  const entry = buildPutEventsEntry(VIGIL_ALERT, alert, eventBusName);
  if (entrySize(entry) <= MAX_ENTRY_BYTES) return entry;
  const trimmed = buildPutEventsEntry(
    VIGIL_ALERT,
    { ...alert, resources: alert.resources.slice(0, 10) },
    eventBusName
  );
  if (entrySize(trimmed) <= MAX_ENTRY_BYTES) return trimmed;
  throw new PermanentCloudTrailParserError(
    `alert ${alert.id} is ${entrySize(trimmed)} bytes, over the ${MAX_ENTRY_BYTES}-byte EventBridge limit`,
    { code: 'ALERT_TOO_LARGE' }
  );
}

/** Entry size as EventBridge computes it (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html). */
export function entrySize(entry: PutEventsEntry): number {
  let size = entry.Time === undefined ? 0 : 14;
  size += Buffer.byteLength(entry.Source, 'utf8');
  size += Buffer.byteLength(entry.DetailType, 'utf8');
  size += Buffer.byteLength(entry.Detail, 'utf8');
  for (const resource of entry.Resources ?? []) size += Buffer.byteLength(resource, 'utf8');
  return size;
}
