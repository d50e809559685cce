import type { DetectionEngine } from '../detection-engine';
import type { IssuedCredentials } from '../enrichment/issued-credentials';
import type { PrincipalIndex } from '../enrichment/principal-index';
import type { PrincipalStore } from '../enrichment/principal-store';
import { type LogStreamStats, scanLogStream } from '../log-stream/scan-log-stream';
import type { AlertSink, AlertSinkSummary } from '../publish/alert-sink';
import type { LogObjectReader } from './log-object-reader';
import type { LogObjectRef } from './log-object-ref';

export interface ScanLogObjectDeps {
  reader: LogObjectReader;
  engine: DetectionEngine;
  sink: AlertSink;
  /** Issuances seen so far (this file first, then earlier files of a warm Lambda). */
  principalIndex: PrincipalIndex;
  /** Where this file's issuances are kept for files other Lambdas read. */
  principalStore: PrincipalStore;
  maxUncompressedBytes: number;
  /** Epoch milliseconds, for the records/s figure. */
  now(): number;
}

export interface LogObjectScan {
  stats: LogStreamStats;
  alerts: AlertSinkSummary;
  issuedKeys: number;
  seconds: number;
}

// Besides AssumeRole* (always hooked by the scanner), the STS calls that issue keys.
const ISSUING_NON_ASSUME = ['GetFederationToken', 'GetSessionToken'];

/**
 * Reads one log object as a stream through the detection engine: every credential issuance is indexed
 * before later records are resolved, every match goes to the alert sink, and the file's issuances are
 * stored for other files. Bad records are counted in `stats.invalidReasons` (the caller decides).
 */
export async function scanLogObject(ref: LogObjectRef, deps: ScanLogObjectDeps): Promise<LogObjectScan> {
  const started = deps.now();
  const issued: IssuedCredentials[] = [];
  const stream = await deps.reader.open(ref);
  const stats = await scanLogStream(stream, {
    engine: deps.engine,
    gzip: 'auto',
    maxUncompressedBytes: deps.maxUncompressedBytes,
    onRecordEventNames: ISSUING_NON_ASSUME,
    onRecord(record) {
      const credentials = deps.principalIndex.observe(record);
      if (credentials !== undefined) issued.push(credentials);
    },
    onMatch: (rule, record) => deps.sink.add(rule, record),
  });
  await deps.sink.flush();
  if (issued.length > 0) await deps.principalStore.put(issued);
  return {
    stats,
    alerts: deps.sink.summary(),
    issuedKeys: issued.length,
    seconds: Math.max(deps.now() - started, 1) / 1000,
  };
}
