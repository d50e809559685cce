import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { z } from 'zod';

/**
 * Reads a JSON file (`.json`, or gzipped `.json.gz` as CloudTrail delivers it). Without a schema the
 * result is `unknown`; with one it is parsed (and typed) by the schema, so fixtures are never cast.
 *
 * @example
 * ```ts
 * const event = loadJson(path.join(__dirname, '../events/eventbridge/alert.json'), AlertEventSchema);
 * const raw = loadJson('/work/shared/corpora/x/log.json.gz');
 * ```
 */
export function loadJson(file: string): unknown;
export function loadJson<TSchema extends z.ZodType>(file: string, schema: TSchema): z.output<TSchema>;
export function loadJson(file: string, schema?: z.ZodType): unknown {
  const absolute = path.resolve(file);
  const bytes = readFileSync(absolute);
  const text = (absolute.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${absolute}: not valid JSON`, { cause: error });
  }
  return schema === undefined ? value : schema.parse(value);
}
