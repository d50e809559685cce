import { compilePattern } from '@vigil/event-patterns';

/** Whether an event source record passes the mapping's filters. */
export type RecordFilter = (record: Record<string, unknown>) => boolean;

function withParsedBody(record: Record<string, unknown>): Record<string, unknown> {
  if (typeof record.body !== 'string') return record;
  try {
    return { ...record, body: JSON.parse(record.body) as unknown };
  } catch {
    return record;
  }
}

/**
 * Lambda event filtering: a record passes when any pattern matches it (SQS bodies that are JSON are
 * matched as objects, as Lambda does). No patterns → everything passes.
 *
 * @example
 * createRecordFilter([{ body: { kind: ['order'] } }])(record)
 */
export function createRecordFilter(patterns: unknown[] | undefined): RecordFilter {
  if (patterns === undefined || patterns.length === 0) return () => true;
  const compiled = patterns.map((pattern) =>
    compilePattern(typeof pattern === 'string' ? (JSON.parse(pattern) as unknown) : pattern)
  );
  return (record) => {
    const subject = withParsedBody(record);
    return compiled.some((pattern) => pattern.matches(subject));
  };
}
