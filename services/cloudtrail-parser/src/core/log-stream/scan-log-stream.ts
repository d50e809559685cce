import type { DetectionEngine } from '../detection-engine';
import type { RawPrefilter } from '../prefilter';
import type { PrefilterLiteral } from '../prefilter-literals';
import type { Rule } from '../rule';
import { cloudTrailShapeProblem, isCloudTrailDigest } from './cloudtrail-shape';
import { decompressLog } from './decompress-log';
import { RecordSplitter, type SplitKind } from './record-splitter';

/** Default cap on one record's raw size; CloudTrail events are at most 256 KB. */
export const DEFAULT_MAX_RECORD_BYTES = 4 * 1024 * 1024;
const ASSUME_ROLE_PREFIX = 'AssumeRole';

export interface ScanLogStreamOptions {
  engine: DetectionEngine;
  gzip: boolean | 'auto';
  /** Over this many uncompressed bytes the scan stops with `LogTooLargeError`. */
  maxUncompressedBytes: number;
  maxRecordBytes?: number | undefined;
  /** Called for every record at least one enabled rule matches (statelessly), in file order. */
  onMatch(rule: Rule, record: Record<string, unknown>): void | Promise<void>;
  /**
   * Called, before its rules run, for every record whose eventName starts with `AssumeRole` or is one of
   * `onRecordEventNames` (enrichment needs every credential issuance, matched or not).
   */
  onRecord?: ((record: Record<string, unknown>) => void | Promise<void>) | undefined;
  onRecordEventNames?: readonly string[] | undefined;
  /** Called after each inflated chunk with the running figures (progress display). */
  onProgress?: ((stats: Readonly<LogStreamStats>) => void) | undefined;
}

/** One reason records were rejected, how often, and where it first happened (uncompressed byte offset). */
export interface InvalidRecordReason {
  reason: string;
  count: number;
  firstOffset: number;
}

export interface LogStreamStats {
  /** CloudTrail records seen (parsed or provably unmatched by the prefilter). */
  records: number;
  /** Records fully parsed (the rest were skipped by the raw-text prefilter). */
  parsedRecords: number;
  /** Uncompressed bytes read. */
  bytes: number;
  /** Rule matches passed to `onMatch`. */
  matches: number;
  /** Items that were not valid JSON or not CloudTrail records; they are counted here, never dropped silently. */
  invalidRecords: number;
  invalidReasons: InvalidRecordReason[];
  /** True when the log turned out to be a CloudTrail digest file (no records). */
  isDigest: boolean;
}

interface PendingItem {
  text: string;
  kind: SplitKind;
  offset: number;
}

const prefilterCache = new WeakMap<DetectionEngine, Map<string, RawPrefilter>>();

function prefilterFor(engine: DetectionEngine, extra: PrefilterLiteral[]): RawPrefilter {
  const key = extra.map((literal) => `${literal.kind}:${literal.text}`).join('\n');
  let byKey = prefilterCache.get(engine);
  if (byKey === undefined) {
    byKey = new Map();
    prefilterCache.set(engine, byKey);
  }
  let prefilter = byKey.get(key);
  if (prefilter === undefined) {
    prefilter = engine.createPrefilter(extra);
    byKey.set(key, prefilter);
  }
  return prefilter;
}

/**
 * Streams one CloudTrail log (gzip or not; `{"Records":[...]}`, a bare array or JSON lines) through the
 * detection engine without holding the file or its record array in memory. Records that provably match no
 * rule (raw-text prefilter) are counted but never parsed; the alerts are the same as evaluating every rule
 * on every parsed record. Throws `LogTooLargeError` past the size cap and `LogFormatError` for a corrupt
 * gzip stream or an oversized record; bad records are counted in `invalidReasons`.
 */
export async function scanLogStream(
  input: AsyncIterable<Uint8Array>,
  options: ScanLogStreamOptions
): Promise<LogStreamStats> {
  const { engine, onMatch, onRecord } = options;
  const hookNames = new Set(options.onRecordEventNames ?? []);
  const hookLiterals: PrefilterLiteral[] =
    onRecord === undefined
      ? []
      : [
          { kind: 'prefix', text: ASSUME_ROLE_PREFIX },
          ...[...hookNames].map((text): PrefilterLiteral => ({ kind: 'exact', text })),
        ];
  const isHooked = (eventName: unknown): boolean =>
    typeof eventName === 'string' && (eventName.startsWith(ASSUME_ROLE_PREFIX) || hookNames.has(eventName));
  const stats: LogStreamStats = {
    records: 0,
    parsedRecords: 0,
    bytes: 0,
    matches: 0,
    invalidRecords: 0,
    invalidReasons: [],
    isDigest: false,
  };
  const reasons = new Map<string, InvalidRecordReason>();
  const invalid = (reason: string, offset: number): void => {
    stats.invalidRecords++;
    const known = reasons.get(reason);
    if (known === undefined) {
      reasons.set(reason, { reason, count: 1, firstOffset: offset });
    } else {
      known.count++;
    }
  };
  let pending: PendingItem[] = [];
  const splitter = new RecordSplitter(
    {
      item(bytes, start, end, kind, mayMatch, offset) {
        if (mayMatch) {
          pending.push({ text: bytes.toString('utf8', start, end), kind, offset });
        } else {
          stats.records++;
        }
      },
      invalid,
    },
    prefilterFor(engine, hookLiterals),
    options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES
  );

  // Synchronous unless a callback returns a promise: most records then cost no promise or microtask.
  const handleRecord = (value: unknown, offset: number): void | Promise<void> => {
    const problem = cloudTrailShapeProblem(value);
    if (problem !== undefined) {
      invalid(problem, offset);
      return;
    }
    const record = value as Record<string, unknown>;
    stats.records++;
    stats.parsedRecords++;
    const hooked = onRecord !== undefined && isHooked(record.eventName) ? onRecord(record) : undefined;
    if (hooked instanceof Promise) {
      return hooked.then(() => matchRecord(record));
    }
    return matchRecord(record);
  };

  const matchRecord = (record: Record<string, unknown>): void | Promise<void> => {
    const rules = engine.evaluate(record);
    for (let index = 0; index < rules.length; index++) {
      stats.matches++;
      const pending = onMatch(rules[index] as Rule, record);
      if (pending instanceof Promise) {
        return pending.then(async () => {
          for (const rule of rules.slice(index + 1)) {
            stats.matches++;
            await onMatch(rule, record);
          }
        });
      }
    }
    return undefined;
  };

  const handleItem = async (item: PendingItem): Promise<void> => {
    let value: unknown;
    try {
      value = JSON.parse(item.text);
    } catch {
      invalid('not valid JSON', item.offset);
      return;
    }
    if (item.kind === 'object') {
      if (isCloudTrailDigest(value)) {
        stats.isDigest = true;
        return;
      }
      const records = (value as { Records?: unknown }).Records;
      if (Array.isArray(records)) {
        for (const record of records) {
          await handleRecord(record, item.offset);
        }
        return;
      }
    }
    await handleRecord(value, item.offset);
  };

  const handleRecordItem = (item: PendingItem): void | Promise<void> => {
    if (item.kind === 'object') {
      return handleItem(item);
    }
    let value: unknown;
    try {
      value = JSON.parse(item.text);
    } catch {
      invalid('not valid JSON', item.offset);
      return;
    }
    return handleRecord(value, item.offset);
  };

  for await (const chunk of decompressLog(input, options.gzip, options.maxUncompressedBytes)) {
    stats.bytes += chunk.length;
    splitter.push(chunk);
    options.onProgress?.(stats);
    if (pending.length > 0) {
      const items = pending;
      pending = [];
      for (const item of items) {
        const pending = handleRecordItem(item);
        if (pending !== undefined) {
          await pending;
        }
      }
    }
  }
  splitter.finish();
  for (const item of pending) {
    await handleRecordItem(item);
  }
  stats.invalidReasons = [...reasons.values()];
  return stats;
}
