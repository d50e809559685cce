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

function eventTimeOf(record: Record<string, unknown>): number {
  return typeof record.eventTime === 'string' ? Date.parse(record.eventTime) : Number.NaN;
}

interface StatefulInputs {
  eventTimeMs: number;
  eventId: string;
  threshold?: { key: string; windowMs: number; groupKey: string; count: number } | undefined;
  dedup?: { key: string; windowMs: number } | undefined;
}

function statefulInputs(rule: Rule, record: Record<string, unknown>): StatefulInputs {
  const eventTimeMs = eventTimeOf(record);
  const eventId =
    typeof record.eventID === 'string' ? record.eventID : `${eventTimeMs}|${stateKey(record, ['requestID'])}`;
  const inputs: StatefulInputs = { eventTimeMs, eventId };
  if (rule.threshold !== undefined) {
    const groupKey = stateKey(record, rule.threshold.groupBy);
    inputs.threshold = {
      key: `threshold|${rule.id}|${groupKey}`,
      windowMs: parseDuration(rule.threshold.window),
      groupKey,
      count: rule.threshold.count,
    };
  }
  if (rule.dedup !== undefined) {
    inputs.dedup = {
      key: `dedup|${rule.id}|${stateKey(record, rule.dedup.key)}`,
      windowMs: parseDuration(rule.dedup.window),
    };
  }
  return inputs;
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
  const { eventTimeMs, eventId, threshold, dedup } = statefulInputs(rule, record);
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
    dedup !== undefined &&
    hasTime &&
    !(await store.claimDedup(dedup.key, eventId, eventTimeMs, dedup.windowMs))
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
  const { eventTimeMs, eventId, threshold, dedup } = statefulInputs(rule, record);
  const hasTime = !Number.isNaN(eventTimeMs);
  let count = 0;
  if (threshold !== undefined) {
    if (!hasTime) return SUPPRESSED;
    const hit = store.hitThreshold(threshold.key, eventId, eventTimeMs, threshold.windowMs, threshold.count);
    if (!hit.fires) return SUPPRESSED;
    count = hit.count;
  }
  if (dedup !== undefined && hasTime && !store.claimDedup(dedup.key, eventId, eventTimeMs, dedup.windowMs)) {
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

interface ThresholdState {
  /** Unconsumed events: id → event time. */
  hits: Map<string, number>;
  /** The same events by ascending time (logs are nearly in time order: inserts land at the end). */
  times: { timeMs: number; id: string }[];
  /** Events a firing used up: id → event time. */
  consumed: Map<string, number>;
  /** Firing events: id → the count they fired with. */
  firings: Map<string, { timeMs: number; count: number }>;
}

/** Index of the first entry at ≥ `value` (or > `value` with `isUpper`) in an ascending array. */
function bound(times: readonly { timeMs: number }[], value: number, isUpper: boolean): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const time = (times[middle] as { timeMs: number }).timeMs;
    if (time < value || (isUpper && time === value)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The in-memory `RuleStateStore` of `vigil scan`: one process, one pass over the logs. */
export class InMemoryRuleStateStore implements SyncRuleStateStore {
  private readonly thresholds = new Map<string, ThresholdState>();
  private readonly claims = new Map<string, { timeMs: number; eventId: string }>();

  hitThreshold(
    key: string,
    eventId: string,
    eventTimeMs: number,
    windowMs: number,
    threshold: number
  ): ThresholdHit {
    let state = this.thresholds.get(key);
    if (state === undefined) {
      state = { hits: new Map(), times: [], consumed: new Map(), firings: new Map() };
      this.thresholds.set(key, state);
    }
    const firing = state.firings.get(eventId);
    if (firing !== undefined) return { count: firing.count, fires: true };
    if (state.consumed.has(eventId)) return { count: 0, fires: false };
    const { hits, times } = state;
    if (!hits.has(eventId)) {
      hits.set(eventId, eventTimeMs);
      times.splice(bound(times, eventTimeMs, true), 0, { timeMs: eventTimeMs, id: eventId });
    }
    const horizon = eventTimeMs - 2 * windowMs;
    if (times.length > 0 && (times[0] as { timeMs: number }).timeMs < horizon) {
      // Far behind the stream: cannot count again unless logs are badly out of order.
      for (const stale of times.splice(0, bound(times, horizon, false))) hits.delete(stale.id);
    }
    const count = bound(times, eventTimeMs, true) - bound(times, eventTimeMs - windowMs, false);
    if (count < threshold) return { count, fires: false };
    for (const [id, time] of hits) state.consumed.set(id, time);
    hits.clear();
    times.length = 0;
    state.firings.set(eventId, { timeMs: eventTimeMs, count });
    // Only pruned on firing: consumed events are few between firings, and pruning on every hit costs time.
    for (const [id, time] of state.consumed) if (time < horizon) state.consumed.delete(id);
    for (const [id, { timeMs }] of state.firings) if (timeMs < horizon) state.firings.delete(id);
    return { count, fires: true };
  }

  claimDedup(key: string, eventId: string, eventTimeMs: number, windowMs: number): boolean {
    const previous = this.claims.get(key);
    if (previous?.eventId === eventId) return true;
    if (previous !== undefined && Math.abs(eventTimeMs - previous.timeMs) < windowMs) {
      return false;
    }
    this.claims.set(key, { timeMs: eventTimeMs, eventId });
    return true;
  }
}
