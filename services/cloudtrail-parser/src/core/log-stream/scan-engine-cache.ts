import type { DetectionEngine } from '../detection-engine';
import type { RawPrefilter } from '../prefilter';
import type { PrefilterLiteral } from '../prefilter-literals';
import { cloudTrailShapeProblem } from './cloudtrail-shape';
import { PartialRecordCutter } from './partial-record';
import { RawRecordReader } from './raw-record-reader';

// Built once per engine (and extra literals), reused by every log the engine scans.
const prefilterCache = new WeakMap<DetectionEngine, Map<string, RawPrefilter>>();
const cutterCache = new WeakMap<DetectionEngine, PartialRecordCutter>();
const readerCache = new WeakMap<DetectionEngine, RawRecordReader>();

export function rawReaderFor(engine: DetectionEngine): RawRecordReader {
  let reader = readerCache.get(engine);
  if (reader === undefined) {
    reader = new RawRecordReader(engine.recordPaths);
    readerCache.set(engine, reader);
  }
  return reader;
}

export function cutterFor(engine: DetectionEngine): PartialRecordCutter {
  let cutter = cutterCache.get(engine);
  if (cutter === undefined) {
    cutter = new PartialRecordCutter(engine.recordKeys);
    cutterCache.set(engine, cutter);
  }
  return cutter;
}

export function prefilterFor(engine: DetectionEngine, extra: PrefilterLiteral[]): RawPrefilter {
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

/** The whole record, or null when it is not valid JSON or not a CloudTrail record. */
export function parseWhole(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return cloudTrailShapeProblem(value) === undefined ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
