import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { VigilAlert } from '@vigil/event-schema';
import { CloudTrailParserError } from '../../errors';
import { buildAlert } from '../build-alert';
import type { DetectionEngine } from '../detection-engine';
import { ISSUING_EVENT_NAMES } from '../enrichment/issued-credentials';
import { PrincipalIndex } from '../enrichment/principal-index';
import { resolveActorSync } from '../enrichment/resolve-actor';
import type { SignatureCheck } from '../integrity/digest-signature';
import { readLocalDigest } from '../integrity/read-local-digest';
import {
  type IntegrityReport,
  type LocalDigest,
  type LocalLog,
  verifyLogIntegrity,
} from '../integrity/verify-log-integrity';
import { type LogStreamStats, scanLogStream } from '../log-stream/scan-log-stream';
import { applyStatefulRuleSync, InMemoryRuleStateStore, type SyncRuleStateStore } from '../stateful-rules';
import { collectScanInputs, type ScanInput } from './collect-scan-inputs';

/** Default cap on one input's uncompressed size (CloudTrail objects are ≤ 50 MB gzipped). */
export const DEFAULT_MAX_UNCOMPRESSED_BYTES = 2 * 1024 ** 3;
const READ_CHUNK_BYTES = 128 * 1024;

export interface ScanOptions {
  targets: readonly string[];
  engine: DetectionEngine;
  maxUncompressedBytes?: number | undefined;
  stdin?: AsyncIterable<Uint8Array> | undefined;
  store?: SyncRuleStateStore | undefined;
  /**
   * Also check the logs against the digest files found among the inputs (hashes, chains, and signatures
   * when `checkSignature` is given); each problem is reported and counted as an error.
   */
  verifyDigests?: boolean | undefined;
  checkSignature?: SignatureCheck | undefined;
  onAlert(alert: VigilAlert): void;
  /** A bad input: reported as `vigil: <path>: <reason>`; the scan goes on. */
  onProblem(path: string, reason: string): void;
  onProgress?: ((progress: ScanProgress) => void) | undefined;
}

export interface ScanProgress {
  file: string;
  files: number;
  records: number;
  bytes: number;
  alerts: number;
}

export interface ScanSummary {
  files: number;
  records: number;
  alerts: number;
  skipped: number;
  errors: number;
  seconds: number;
  recordsPerSecond: number;
  bytes: number;
  parsedRecords: number;
  alertsBySeverity: Partial<Record<VigilAlert['severity'], number>>;
  /** With `verifyDigests`: what checking the logs against their digests found. */
  integrity?: IntegrityReport | undefined;
}

function describeInvalid(stats: LogStreamStats): string {
  const details = stats.invalidReasons
    .map((entry) => `${entry.count} × ${entry.reason} (first at byte ${entry.firstOffset})`)
    .join('; ');
  return `${stats.invalidRecords} invalid record${stats.invalidRecords === 1 ? '' : 's'}: ${details}`;
}

/** One line on why an input could not be read or scanned (no stack trace). */
export function describeError(error: unknown): string {
  if (error instanceof CloudTrailParserError) {
    return error.message;
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return (error as Error).message ?? String(error);
}

/**
 * `vigil scan`: every input through the detection engine, stateful rules in memory, alerts enriched with
 * the original principal from the AssumeRole records seen so far. A bad input is reported and counted;
 * the others are still scanned.
 */
export async function runScan(options: ScanOptions): Promise<ScanSummary> {
  const started = process.hrtime.bigint();
  const store = options.store ?? new InMemoryRuleStateStore();
  const principals = new PrincipalIndex();
  const summary: ScanSummary = {
    files: 0,
    records: 0,
    alerts: 0,
    skipped: 0,
    errors: 0,
    seconds: 0,
    recordsPerSecond: 0,
    bytes: 0,
    parsedRecords: 0,
    alertsBySeverity: {},
  };
  const collected = await collectScanInputs(options.targets);
  summary.skipped += collected.skipped.length;
  for (const [path, reason] of collected.problems) {
    summary.errors++;
    options.onProblem(path, reason);
  }

  const localLogs: LocalLog[] = [];
  const scanOne = async (input: ScanInput): Promise<void> => {
    const source =
      input.kind === 'stdin'
        ? (options.stdin ?? process.stdin)
        : createReadStream(input.path, { highWaterMark: READ_CHUNK_BYTES });
    const origin = { kind: 'scan' as const, path: input.path };
    const before = { records: summary.records, bytes: summary.bytes };
    const hash = options.verifyDigests === true && input.kind === 'file' ? createHash('sha256') : undefined;
    const stats = await scanLogStream(source, {
      engine: options.engine,
      gzip: 'auto',
      maxUncompressedBytes: options.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES,
      onRecord: (record) => {
        principals.observe(record);
      },
      onRecordEventNames: [...ISSUING_EVENT_NAMES],
      // Threshold and dedup need only the rule's keys; the whole record is parsed for an alert only.
      partialRecords: true,
      onMatch: (rule, partial, whole) => {
        const decision = applyStatefulRuleSync(rule, partial, store);
        if (!decision.shouldAlert) {
          return;
        }
        const record = whole();
        if (record === undefined) {
          return;
        }
        const actor = resolveActorSync(record, { principals });
        const alert = buildAlert(rule, record, { origin, actor, threshold: decision.threshold });
        summary.alerts++;
        summary.alertsBySeverity[alert.severity] = (summary.alertsBySeverity[alert.severity] ?? 0) + 1;
        options.onAlert(alert);
      },
      onChunk: hash === undefined ? undefined : (chunk) => hash.update(chunk),
      onProgress: (running) => {
        options.onProgress?.({
          file: input.path,
          files: summary.files,
          records: before.records + running.records,
          bytes: before.bytes + running.bytes,
          alerts: summary.alerts,
        });
      },
    });
    if (stats.isDigest && stats.records === 0) {
      summary.skipped++;
      return;
    }
    if (hash !== undefined) localLogs.push({ path: input.path, sha256: hash.digest('hex') });
    summary.files++;
    summary.records += stats.records;
    summary.parsedRecords += stats.parsedRecords;
    summary.bytes += stats.bytes;
    if (stats.invalidRecords > 0) {
      summary.errors++;
      options.onProblem(input.path, describeInvalid(stats));
    }
  };

  for (const input of collected.inputs) {
    try {
      await scanOne(input);
    } catch (error) {
      summary.errors++;
      options.onProblem(input.path, describeError(error));
    }
  }
  if (options.verifyDigests === true) {
    summary.integrity = await verifyAgainstDigests(collected.skipped, localLogs, options, summary);
  }
  summary.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  summary.recordsPerSecond = summary.seconds > 0 ? Math.round(summary.records / summary.seconds) : 0;
  return summary;
}

/** Reads the digest files skipped by the scan and checks the scanned logs against them. */
async function verifyAgainstDigests(
  skipped: readonly string[],
  logs: readonly LocalLog[],
  options: ScanOptions,
  summary: ScanSummary
): Promise<IntegrityReport> {
  const digests: LocalDigest[] = [];
  for (const path of skipped) {
    try {
      digests.push(await readLocalDigest(path));
    } catch (error) {
      summary.errors++;
      options.onProblem(path, describeError(error));
    }
  }
  const report = verifyLogIntegrity(digests, logs, options.checkSignature);
  for (const { path, reason } of report.problems) {
    summary.errors++;
    options.onProblem(path, reason);
  }
  return report;
}
