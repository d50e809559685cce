import { parseDuration, type Rule } from './rule';
import { readPath } from './rule-condition';

/**
 * Where threshold counters and dedup claims live: DynamoDB in the Lambda, memory in `vigil scan`.
 * Times are event times (ms since epoch), never the wall clock, so a replayed log behaves the same.
 */
export interface RuleStateStore {
  /**
   * Records one matching event for a threshold key (idempotent per `eventId`) and returns how many distinct
   * events of that key lie within `[eventTimeMs - windowMs, eventTimeMs]`, this one included.
   */
  addThresholdHit(
    key: string,
    eventId: string,
    eventTimeMs: number,
    windowMs: number
  ): number | Promise<number>;
  /** Forgets a threshold key's events (after it fired, so the next alert needs a fresh burst). */
  clearThreshold(key: string): void | Promise<void>;
  /** True, and remembered, when no earlier claim of `key` lies within `windowMs` of `eventTimeMs`. */
  claimDedup(key: string, eventTimeMs: number, windowMs: number): boolean | Promise<boolean>;
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
  threshold?: { key: string; eventId: string; windowMs: number; groupKey: string; count: number } | undefined;
  dedup?: { key: string; windowMs: number } | undefined;
}

function statefulInputs(rule: Rule, record: Record<string, unknown>): StatefulInputs {
  const eventTimeMs = eventTimeOf(record);
  const inputs: StatefulInputs = { eventTimeMs };
  if (rule.threshold !== undefined) {
    const groupKey = stateKey(record, rule.threshold.groupBy);
    inputs.threshold = {
      key: `threshold|${rule.id}|${groupKey}`,
      eventId:
        typeof record.eventID === 'string'
          ? record.eventID
          : `${eventTimeMs}|${stateKey(record, ['requestID'])}`,
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
  const { eventTimeMs, threshold, dedup } = statefulInputs(rule, record);
  const hasTime = !Number.isNaN(eventTimeMs);
  let count = 0;
  if (threshold !== undefined) {
    if (!hasTime) return SUPPRESSED;
    count = await store.addThresholdHit(threshold.key, threshold.eventId, eventTimeMs, threshold.windowMs);
    if (count < threshold.count) return SUPPRESSED;
    await store.clearThreshold(threshold.key);
  }
  if (dedup !== undefined && hasTime && !(await store.claimDedup(dedup.key, eventTimeMs, dedup.windowMs))) {
    return SUPPRESSED;
  }
  return decisionFor(threshold, count);
}

/** A `RuleStateStore` whose answers are immediate (the in-memory one). */
export interface SyncRuleStateStore extends RuleStateStore {
  addThresholdHit(key: string, eventId: string, eventTimeMs: number, windowMs: number): number;
  clearThreshold(key: string): void;
  claimDedup(key: string, eventTimeMs: number, windowMs: number): boolean;
}

/** {@link applyStatefulRule} over a synchronous store, without promises (the scanner's hot path). */
export function applyStatefulRuleSync(
  rule: Rule,
  record: Record<string, unknown>,
  store: SyncRuleStateStore
): StatefulDecision {
  const { eventTimeMs, threshold, dedup } = statefulInputs(rule, record);
  const hasTime = !Number.isNaN(eventTimeMs);
  let count = 0;
  if (threshold !== undefined) {
    if (!hasTime) return SUPPRESSED;
    count = store.addThresholdHit(threshold.key, threshold.eventId, eventTimeMs, threshold.windowMs);
    if (count < threshold.count) return SUPPRESSED;
    store.clearThreshold(threshold.key);
  }
  if (dedup !== undefined && hasTime && !store.claimDedup(dedup.key, eventTimeMs, dedup.windowMs)) {
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

/** The in-memory `RuleStateStore` of `vigil scan`: one process, one pass over the logs. */
export class InMemoryRuleStateStore implements SyncRuleStateStore {
  private readonly hits = new Map<string, Map<string, number>>();
  private readonly claims = new Map<string, number>();

  addThresholdHit(key: string, eventId: string, eventTimeMs: number, windowMs: number): number {
    let events = this.hits.get(key);
    if (events === undefined) {
      events = new Map();
      this.hits.set(key, events);
    }
    events.set(eventId, eventTimeMs);
    let count = 0;
    for (const [id, time] of events) {
      if (time < eventTimeMs - 2 * windowMs) {
        events.delete(id); // far behind the stream: cannot count again unless logs are badly out of order
      } else if (time >= eventTimeMs - windowMs && time <= eventTimeMs) {
        count++;
      }
    }
    return count;
  }

  clearThreshold(key: string): void {
    this.hits.delete(key);
  }

  claimDedup(key: string, eventTimeMs: number, windowMs: number): boolean {
    const previous = this.claims.get(key);
    if (previous !== undefined && Math.abs(eventTimeMs - previous) < windowMs) {
      return false;
    }
    this.claims.set(key, eventTimeMs);
    return true;
  }
}
