import { parseDuration, type Rule } from './rule';
import { readPath } from './rule-condition';

/** What counting one event of a threshold key decided. */
export interface ThresholdHit {
  /** Distinct unconsumed events of the key within the window, this one included (or the firing's count). */
  count: number;
  /** The key fires on this event: now, or earlier (a redelivery of the event that fired it). */
  fires: boolean;
}

/**
 * Where threshold counters and dedup claims live: DynamoDB in the Lambda, memory in `vigil scan`.
 * Times are event times (ms since epoch), never the wall clock, so a replayed log behaves the same.
 *
 * Both operations are idempotent per event id, because a log is processed again whenever publishing its
 * alerts failed (at-least-once delivery): the retry must reach the same decisions, so the alert (same
 * deterministic id) goes out then, and the alert ledger keeps it from going out twice.
 */
export interface RuleStateStore {
  /**
   * Counts one matching event of a threshold key and fires when `threshold` distinct events lie within
   * `[eventTimeMs - windowMs, eventTimeMs]`. Firing consumes the counted events (the next alert needs a
   * fresh burst, and a redelivered consumed event counts nothing) and records the firing under `eventId`,
   * so a redelivery of that very event fires again with the same count.
   */
  hitThreshold(
    key: string,
    eventId: string,
    eventTimeMs: number,
    windowMs: number,
    threshold: number
  ): ThresholdHit | Promise<ThresholdHit>;
  /**
   * True, and remembered, when no claim of `key` by another event lies within `windowMs` of `eventTimeMs`;
   * true again for the event that holds the claim (its redelivery).
   */
  claimDedup(key: string, eventId: string, eventTimeMs: number, windowMs: number): boolean | Promise<boolean>;
}

/** What a stateful rule decided for one matching record. */
export interface StatefulDecision {
  shouldAlert: boolean;
  threshold?: { count: number; windowSeconds: number; groupKey: string } | undefined;
}

/** Key of a record for a list of dotted paths (values in order; arrays kept as lists). */
export function stateKey(record: Record<string, unknown>, paths: readonly string[]): string {
  return JSON.stringify(paths.map((path) => readPath(record, path)));
}

/** The single string at a path of plain objects, or undefined when it is anything else (then `readPath`). */
function plainString(record: Record<string, unknown>, segments: readonly string[]): string | undefined {
  let current: unknown = record;
  for (const segment of segments) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return typeof current === 'string' ? current : undefined;
}

/** {@link stateKey}, the same text, without building the value lists when each path holds one string. */
function compiledStateKey(record: Record<string, unknown>, paths: readonly CompiledPath[]): string {
  let key = '[';
  for (let index = 0; index < paths.length; index++) {
    const path = paths[index] as CompiledPath;
    const value = plainString(record, path.segments);
    if (value === undefined)
      return stateKey(
        record,
        paths.map((each) => each.path)
      );
    key += `${index === 0 ? '' : ','}[${JSON.stringify(value)}]`;
  }
  return `${key}]`;
}

interface CompiledPath {
  path: string;
  segments: string[];
}

/** A rule's threshold and dedup settings, parsed once (durations, paths). */
interface CompiledState {
  threshold: Rule['threshold'];
  dedup: Rule['dedup'];
  thresholdWindowMs: number;
  groupBy: CompiledPath[];
  dedupWindowMs: number;
  dedupKey: CompiledPath[];
}

const compiledStates = new WeakMap<Rule, CompiledState>();
const REQUEST_ID: CompiledPath[] = [{ path: 'requestID', segments: ['requestID'] }];

function compilePaths(paths: readonly string[] | undefined): CompiledPath[] {
  return (paths ?? []).map((path) => ({ path, segments: path.split('.') }));
}

function compiledState(rule: Rule): CompiledState {
  const known = compiledStates.get(rule);
  // Compared by identity: a rule whose threshold or dedup was replaced is compiled again.
  if (known !== undefined && known.threshold === rule.threshold && known.dedup === rule.dedup) return known;
  const compiled: CompiledState = {
    threshold: rule.threshold,
    dedup: rule.dedup,
    thresholdWindowMs: rule.threshold === undefined ? 0 : parseDuration(rule.threshold.window),
    groupBy: compilePaths(rule.threshold?.groupBy),
    dedupWindowMs: rule.dedup === undefined ? 0 : parseDuration(rule.dedup.window),
    dedupKey: compilePaths(rule.dedup?.key),
  };
  compiledStates.set(rule, compiled);
  return compiled;
}

// Consecutive records of a log mostly share their eventTime (one-second resolution): parse each text once.
let lastEventTime = '';
let lastEventTimeMs = Number.NaN;

function eventTimeOf(record: Record<string, unknown>): number {
  const time = record.eventTime;
  if (typeof time !== 'string') return Number.NaN;
  if (time !== lastEventTime) {
    lastEventTime = time;
    lastEventTimeMs = Date.parse(time);
  }
  return lastEventTimeMs;
}

interface StatefulInputs {
  eventTimeMs: number;
  eventId: string;
  threshold?: { key: string; windowMs: number; groupKey: string; count: number } | undefined;
}

function statefulInputs(
  rule: Rule,
  record: Record<string, unknown>,
  compiled: CompiledState
): StatefulInputs {
  const eventTimeMs = eventTimeOf(record);
  const eventId =
    typeof record.eventID === 'string'
      ? record.eventID
      : `${eventTimeMs}|${compiledStateKey(record, REQUEST_ID)}`;
  if (rule.threshold === undefined) return { eventTimeMs, eventId };
  const groupKey = compiledStateKey(record, compiled.groupBy);
  return {
    eventTimeMs,
    eventId,
    threshold: {
      key: `threshold|${rule.id}|${groupKey}`,
      windowMs: compiled.thresholdWindowMs,
      groupKey,
      count: rule.threshold.count,
    },
  };
}

/** The dedup claim's key; built only once the threshold (if any) let the record through. */
function dedupKeyOf(rule: Rule, record: Record<string, unknown>, compiled: CompiledState): string {
  return `dedup|${rule.id}|${compiledStateKey(record, compiled.dedupKey)}`;
}

const SUPPRESSED: StatefulDecision = { shouldAlert: false };

/**
 * Applies a rule's threshold and dedup to a record the rule matched. A rule without either always alerts.
 * Threshold: alert when `count` events of the same `groupBy` values fall within `window` of event time, then
 * start counting afresh; a record without a valid eventTime cannot be placed in a window and never counts.
 * Dedup: alert once per `key` values within `window`.
 */
export async function applyStatefulRule(
  rule: Rule,
  record: Record<string, unknown>,
  store: RuleStateStore
): Promise<StatefulDecision> {
  const compiled = compiledState(rule);
  const { eventTimeMs, eventId, threshold } = statefulInputs(rule, record, compiled);
  const hasTime = !Number.isNaN(eventTimeMs);
  let count = 0;
  if (threshold !== undefined) {
    if (!hasTime) return SUPPRESSED;
    const hit = await store.hitThreshold(
      threshold.key,
      eventId,
      eventTimeMs,
      threshold.windowMs,
      threshold.count
    );
    if (!hit.fires) return SUPPRESSED;
    count = hit.count;
  }
  if (
    rule.dedup !== undefined &&
    hasTime &&
    !(await store.claimDedup(
      dedupKeyOf(rule, record, compiled),
      eventId,
      eventTimeMs,
      compiled.dedupWindowMs
    ))
  ) {
    return SUPPRESSED;
  }
  return decisionFor(threshold, count);
}

/** A `RuleStateStore` whose answers are immediate (the in-memory one). */
export interface SyncRuleStateStore extends RuleStateStore {
  hitThreshold(
    key: string,
    eventId: string,
    eventTimeMs: number,
    windowMs: number,
    threshold: number
  ): ThresholdHit;
  claimDedup(key: string, eventId: string, eventTimeMs: number, windowMs: number): boolean;
}

/** {@link applyStatefulRule} over a synchronous store, without promises (the scanner's hot path). */
export function applyStatefulRuleSync(
  rule: Rule,
  record: Record<string, unknown>,
  store: SyncRuleStateStore
): StatefulDecision {
  const compiled = compiledState(rule);
  const { eventTimeMs, eventId, threshold } = statefulInputs(rule, record, compiled);
  const hasTime = !Number.isNaN(eventTimeMs);
  let count = 0;
  if (threshold !== undefined) {
    if (!hasTime) return SUPPRESSED;
    const hit = store.hitThreshold(threshold.key, eventId, eventTimeMs, threshold.windowMs, threshold.count);
    if (!hit.fires) return SUPPRESSED;
    count = hit.count;
  }
  if (
    rule.dedup !== undefined &&
    hasTime &&
    !store.claimDedup(dedupKeyOf(rule, record, compiled), eventId, eventTimeMs, compiled.dedupWindowMs)
  ) {
    return SUPPRESSED;
  }
  return decisionFor(threshold, count);
}

function decisionFor(threshold: StatefulInputs['threshold'], count: number): StatefulDecision {
  return {
    shouldAlert: true,
    threshold:
      threshold === undefined
        ? undefined
        : { count, windowSeconds: Math.round(threshold.windowMs / 1000), groupKey: threshold.groupKey },
  };
}

export { InMemoryRuleStateStore } from './scan/in-memory-rule-state-store';
