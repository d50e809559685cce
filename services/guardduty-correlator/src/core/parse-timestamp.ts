/**
 * Epoch milliseconds of an ASFF / GuardDuty timestamp, or `undefined` when it is not one. Producers differ:
 * `2024-05-24T00:26:57Z`, `2024-05-24T00:26:57.123456Z`, and exports such as `2024-05-24 00:26:57.000000000`
 * (no `T`, nanoseconds, no zone: read as UTC). Fractions beyond milliseconds are cut, not rounded.
 */
export function parseTimestamp(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(
    text.trim()
  );
  if (match === null) return undefined;
  const [, date, time, fraction, zone] = match;
  const millis = fraction === undefined ? '' : `.${fraction.slice(0, 3).padEnd(3, '0')}`;
  const offset = zone === undefined || zone.toUpperCase() === 'Z' ? 'Z' : normaliseOffset(zone);
  const value = Date.parse(`${date}T${time}${millis}${offset}`);
  return Number.isNaN(value) ? undefined : value;
}

function normaliseOffset(zone: string): string {
  return zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}

/** ISO 8601 with milliseconds, as Security Hub writes timestamps. */
export function toIso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
