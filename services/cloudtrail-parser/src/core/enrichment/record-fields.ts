/** Safe readers over an unparsed CloudTrail record (`Record<string, unknown>`): no casts of untrusted input. */

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at `path` (e.g. `['userIdentity', 'sessionContext']`), or undefined. */
export function objectAt(record: unknown, path: readonly string[]): JsonObject | undefined {
  let current: unknown = record;
  for (const key of path) {
    if (!isJsonObject(current)) return undefined;
    current = current[key];
  }
  return isJsonObject(current) ? current : undefined;
}

/** The non-empty string at `path`, or undefined. */
export function stringAt(record: unknown, path: readonly string[]): string | undefined {
  const parent = objectAt(record, path.slice(0, -1));
  const last = path[path.length - 1];
  if (parent === undefined || last === undefined) return undefined;
  const value = parent[last];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The number (or numeric string) at `path`, or undefined. */
export function numberAt(record: unknown, path: readonly string[]): number | undefined {
  const parent = objectAt(record, path.slice(0, -1));
  const last = path[path.length - 1];
  if (parent === undefined || last === undefined) return undefined;
  const value = parent[last];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}
