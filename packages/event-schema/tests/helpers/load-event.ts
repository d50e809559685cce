import { readFileSync } from 'node:fs';
import path from 'node:path';

const eventsDir = path.resolve(__dirname, '../events');

/** Reads a fixture from `tests/events/<source>/<case>.json` as untyped JSON. */
export function loadEvent(relativePath: string): unknown {
  return JSON.parse(readFileSync(path.join(eventsDir, relativePath), 'utf8'));
}

/** Reads a fixture and returns a deep copy typed as a plain record, for tests that mutate it. */
export function loadEventRecord(relativePath: string): Record<string, unknown> {
  const value = loadEvent(relativePath);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${relativePath} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}
