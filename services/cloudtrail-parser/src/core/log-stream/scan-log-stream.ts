import type { DetectionEngine } from '../detection-engine';
import type { PrefilterLiteral } from '../prefilter-literals';
import type { Rule } from '../rule';
import { cloudTrailShapeProblem, isCloudTrailDigest } from './cloudtrail-shape';
import { decompressLog } from './decompress-log';
import { RecordSplitter, type SplitKind } from './record-splitter';
import { cutterFor, parseWhole, prefilterFor, rawReaderFor } from './scan-engine-cache';

/** Default cap on one record's raw size; CloudTrail events are at most 256 KB. */
export const DEFAULT_MAX_RECORD_BYTES = 4 * 1024 * 1024;
const ASSUME_ROLE_PREFIX = 'AssumeRole';

export interface ScanLogStreamOptions {
  engine: DetectionEngine;
  gzip: boolean | 'auto';
  /** Over this many uncompressed bytes the scan stops with `LogTooLargeError`. */
  maxUncompressedBytes: number;
  maxRecordBytes?: number | undefined;
  /**
   * Called for every record at least one enabled rule matches (statelessly), in file order. With
   * `partialRecords`, `record` may hold only the top-level keys the rule reads (`DetectionEngine.
   * recordKeys`: enough to decide it and its threshold/dedup keys); `whole()` parses the whole record
   * (once), or gives undefined, and counts the record invalid, when it turns out not to be valid JSON.
   */
  onMatch(
    rule: Rule,
    record: Record<string, unknown>,
    whole: () => Record<string, unknown> | undefined
  ): void | Promise<void>;
  /** Candidate records are parsed only in the keys their candidate rules read (see `onMatch`). */
  partialRecords?: boolean | undefined;
  /**
   * Called, before its rules run, for every record whose eventName starts with `AssumeRole` or is one of
   * `onRecordEventNames` (enrichment needs every credential issuance, matched or not).
   */
  onRecord?: ((record: Record<string, unknown>) => void | Promise<void>) | undefined;
  onRecordEventNames?: readonly string[] | undefined;
  /** Called after each inflated chunk with the running figures (progress display). */
  onProgress?: ((stats: Readonly<LogStreamStats>) => void) | undefined;
  /** Called with each uncompressed chunk, in order, before it is scanned (integrity hashing). */
  onChunk?: ((chunk: Buffer) => void) | undefined;
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
  /** Records parsed, whole or in part (the rest were skipped by the raw-text prefilter). */
  parsedRecords: number;
  /** Of `parsedRecords`, those parsed only in the keys their candidate rules read. */
  partialRecords: number;
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

/**
 * A candidate record cut down to some keys (`text`, to parse) or already read down to the paths its rules
 * read (`record`): `bytes[start, end)` is the whole record.
 */
interface PartialItem {
  text: string | undefined;
  record: Record<string, unknown> | undefined;
  kind: 'partial';
  offset: number;
  bytes: Buffer;
  start: number;
  end: number;
  candidates: number[];
  /** The splitter's generation when found: `bytes` is reused once it moves on. */
  generation: number;
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
    partialRecords: 0,
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
  const prefilter = prefilterFor(engine, hookLiterals);
  const ruleCount = engine.rules.length;
  const cutter = options.partialRecords === true ? cutterFor(engine) : undefined;
  const reader = options.partialRecords === true ? rawReaderFor(engine) : undefined;
  // Items are handled as the splitter finds them (their objects then die young, which keeps the heap
  // small); only while an async callback is pending do they queue, to keep file order.
  let queue: (PendingItem | PartialItem)[] = [];
  let blocker: Promise<void> | undefined;
  const dispatch = (item: PendingItem | PartialItem): void => {
    if (blocker !== undefined) {
      queue.push(item);
      return;
    }
    const result = handleRecordItem(item);
    if (result !== undefined) blocker = result;
  };
  const drain = async (): Promise<void> => {
    while (blocker !== undefined) {
      await blocker;
      blocker = undefined;
      const items = queue;
      queue = [];
      for (let index = 0; index < items.length; index++) {
        const result = handleRecordItem(items[index] as PendingItem | PartialItem);
        if (result !== undefined) {
          blocker = result;
          queue = [...items.slice(index + 1), ...queue];
          break;
        }
      }
    }
  };
  const splitter = new RecordSplitter(
    {
      item(bytes, start, end, kind, verdict, offset, scan) {
        if (verdict === 'skip') {
          stats.records++;
          return;
        }
        if (verdict === 'candidate' && cutter !== undefined) {
          // Enrichment needs whole AssumeRole/issuance records: a hook literal hit means a whole parse.
          const sets = prefilter.hitSets;
          let isRuleHit = true;
          for (let index = 0; index < sets.length; index++) isRuleHit &&= (sets[index] as number) < ruleCount;
          if (isRuleHit) {
            const record = reader?.read(bytes, end, scan, sets);
            if (record !== undefined && blocker === undefined) {
              // The common case, handled in place: no item, no copy of the candidates.
              const result = handleCandidate(record, sets, bytes, start, end, offset, splitter.generation);
              if (result !== undefined) blocker = result;
              return;
            }
            const text = record === undefined ? cutter.cut(bytes, end, scan, sets) : undefined;
            if (record !== undefined || text !== undefined) {
              const generation = splitter.generation;
              const candidates = [...sets];
              dispatch({ text, record, kind: 'partial', offset, bytes, start, end, candidates, generation });
              return;
            }
          }
        }
        dispatch({ text: bytes.toString('utf8', start, end), kind, offset });
      },
      invalid,
    },
    prefilter,
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
    const whole = () => record;
    if (hooked instanceof Promise) {
      return hooked.then(() => matchRules(engine.evaluate(record), record, whole));
    }
    return matchRules(engine.evaluate(record), record, whole);
  };

  const matchRules = (
    rules: readonly Rule[],
    record: Record<string, unknown>,
    whole: () => Record<string, unknown> | undefined
  ): void | Promise<void> => {
    for (let index = 0; index < rules.length; index++) {
      stats.matches++;
      const pending = onMatch(rules[index] as Rule, record, whole);
      if (pending instanceof Promise) {
        return pending.then(async () => {
          for (const rule of rules.slice(index + 1)) {
            stats.matches++;
            await onMatch(rule, record, whole);
          }
        });
      }
    }
    return undefined;
  };

  const wholeText = (bytes: Buffer, start: number, end: number, generation: number): string => {
    if (splitter.generation !== generation) {
      throw new Error('whole() called after onMatch returned: the record bytes were reused');
    }
    return bytes.toString('utf8', start, end);
  };

  /**
   * A candidate reduced to the keys or paths its rules read (`value`: read from the raw text, or the
   * parsed cut; undefined when the cut did not parse). `bytes[start, end)` is the whole record, valid
   * while the splitter is at `generation`.
   */
  const handleCandidate = (
    value: unknown,
    candidates: readonly number[],
    bytes: Buffer,
    start: number,
    end: number,
    offset: number,
    generation: number
  ): void | Promise<void> => {
    if (cloudTrailShapeProblem(value) !== undefined) {
      // Let the whole record be parsed and reported exactly as without the cut.
      return handleRecordItem({ text: wholeText(bytes, start, end, generation), kind: 'record', offset });
    }
    const record = value as Record<string, unknown>;
    stats.records++;
    stats.parsedRecords++;
    stats.partialRecords++;
    const rules = engine.evaluateAmong(record, candidates);
    if (rules.length === 0) return;
    let parsed: Record<string, unknown> | null | undefined;
    const whole = (): Record<string, unknown> | undefined => {
      if (parsed === undefined) {
        parsed = parseWhole(wholeText(bytes, start, end, generation));
        if (parsed === null) {
          // Only the cut was valid: the record is reported like any invalid one, and raises no alert.
          stats.records--;
          stats.parsedRecords--;
          stats.partialRecords--;
          invalid('not valid JSON', offset);
        }
      }
      return parsed ?? undefined;
    };
    return matchRules(rules, record, whole);
  };

  const handlePartial = (item: PartialItem): void | Promise<void> => {
    let value: unknown = item.record;
    if (item.text !== undefined) {
      try {
        value = JSON.parse(item.text);
      } catch {
        value = undefined;
      }
    }
    return handleCandidate(
      value,
      item.candidates,
      item.bytes,
      item.start,
      item.end,
      item.offset,
      item.generation
    );
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

  const handleRecordItem = (item: PendingItem | PartialItem): void | Promise<void> => {
    if (item.kind === 'partial') {
      return handlePartial(item);
    }
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
    options.onChunk?.(chunk);
    splitter.push(chunk);
    options.onProgress?.(stats);
    if (blocker !== undefined) await drain();
  }
  splitter.finish();
  if (blocker !== undefined) await drain();
  stats.invalidReasons = [...reasons.values()];
  return stats;
}
