import type { SyncRuleStateStore, ThresholdHit } from '../stateful-rules';

/**
 * One threshold key. Its unconsumed events are kept by ascending time in two parallel arrays from `head`
 * on (logs are nearly in time order: inserts land at the end; entries before `head` were dropped and are
 * compacted away now and then): plain numbers and strings, no object per event, because a scan of data
 * events keeps tens of thousands of them.
 */
interface ThresholdState {
  /** Unconsumed events: id → event time. */
  hits: Map<string, number>;
  times: number[];
  ids: string[];
  head: number;
  /** Events a firing used up (id → event time), and the firing events (id → time and count): rare. */
  consumed: Map<string, number> | undefined;
  firings: Map<string, { timeMs: number; count: number }> | undefined;
  /** The key's window, and its latest event time (to forget the key once the stream is far past it). */
  windowMs: number;
  latestMs: number;
}

/** Hits between sweeps of forgotten keys, at least (more when there are more keys: amortised O(1)). */
const SWEEP_EVERY = 4096;

/** Index of the first time at ≥ `value` (or > `value` with `isUpper`) in an ascending array from `from`. */
function bound(times: readonly number[], from: number, value: number, isUpper: boolean): number {
  let low = from;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const time = times[middle] as number;
    if (time < value || (isUpper && time === value)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Adds an event in time order (at the end unless the log is out of order). */
function insertTime(state: ThresholdState, timeMs: number, id: string): void {
  const { times, ids } = state;
  if (times.length === 0 || (times[times.length - 1] as number) <= timeMs) {
    times.push(timeMs);
    ids.push(id);
  } else {
    const at = bound(times, state.head, timeMs, true);
    times.splice(at, 0, timeMs);
    ids.splice(at, 0, id);
  }
}

/** Drops the events before `horizon` (far behind the stream); shifts the arrays only now and then. */
function dropStale(state: ThresholdState, horizon: number): void {
  const { times, ids, hits } = state;
  if (state.head >= times.length || (times[state.head] as number) >= horizon) return;
  const end = bound(times, state.head, horizon, false);
  for (let index = state.head; index < end; index++) hits.delete(ids[index] as string);
  state.head = end;
  if (state.head > 1024 && state.head * 2 > times.length) {
    times.splice(0, state.head);
    ids.splice(0, state.head);
    state.head = 0;
  }
}

/** Forgets consumed events and firings before `horizon`. */
function pruneFired(state: ThresholdState, horizon: number): void {
  for (const [id, time] of state.consumed ?? []) if (time < horizon) state.consumed?.delete(id);
  for (const [id, { timeMs }] of state.firings ?? []) if (timeMs < horizon) state.firings?.delete(id);
}

/**
 * The in-memory `RuleStateStore` of `vigil scan`: one process, one pass over the logs. Like the DynamoDB
 * store's TTL (2 × window past the last event), a threshold key whose latest event lies more than
 * 2 × window behind the latest event seen at all is forgotten, so memory follows the keys active in the
 * window, not the length of the logs (a scan of many principals' data events would otherwise grow
 * without bound). Dedup claims are forgotten the same way, 2 × their window behind.
 */
export class InMemoryRuleStateStore implements SyncRuleStateStore {
  private readonly thresholds = new Map<string, ThresholdState>();
  private readonly claims = new Map<string, { timeMs: number; eventId: string; windowMs: number }>();
  private streamMs = Number.NEGATIVE_INFINITY;
  // Sweeps come after as many hits (claims) as there were keys left by the last sweep, SWEEP_EVERY at
  // least: amortised O(1), and memory stays within twice the keys alive plus SWEEP_EVERY.
  private hitsUntilSweep = SWEEP_EVERY;
  private claimsUntilSweep = SWEEP_EVERY;

  /** Threshold keys currently remembered (for tests and diagnostics). */
  get thresholdKeyCount(): number {
    return this.thresholds.size;
  }

  /** Dedup claims currently remembered (for tests and diagnostics). */
  get dedupClaimCount(): number {
    return this.claims.size;
  }

  /** Forgets claims more than 2 × their window behind the stream: they can no longer suppress anything. */
  private sweepClaims(): void {
    for (const [key, claim] of this.claims) {
      if (claim.timeMs < this.streamMs - 2 * claim.windowMs) this.claims.delete(key);
    }
    this.claimsUntilSweep = Math.max(SWEEP_EVERY, this.claims.size);
  }

  private sweep(): void {
    for (const [key, state] of this.thresholds) {
      if (state.latestMs < this.streamMs - 2 * state.windowMs) this.thresholds.delete(key);
    }
    this.hitsUntilSweep = Math.max(SWEEP_EVERY, this.thresholds.size);
  }

  private stateOf(key: string, eventTimeMs: number, windowMs: number): ThresholdState {
    if (eventTimeMs > this.streamMs) this.streamMs = eventTimeMs;
    if (--this.hitsUntilSweep === 0) this.sweep();
    let state = this.thresholds.get(key);
    if (state === undefined) {
      state = {
        hits: new Map(),
        times: [],
        ids: [],
        head: 0,
        consumed: undefined,
        firings: undefined,
        windowMs,
        latestMs: eventTimeMs,
      };
      this.thresholds.set(key, state);
    }
    state.windowMs = windowMs;
    if (eventTimeMs > state.latestMs) state.latestMs = eventTimeMs;
    return state;
  }

  hitThreshold(
    key: string,
    eventId: string,
    eventTimeMs: number,
    windowMs: number,
    threshold: number
  ): ThresholdHit {
    const state = this.stateOf(key, eventTimeMs, windowMs);
    const firing = state.firings?.get(eventId);
    if (firing !== undefined) return { count: firing.count, fires: true };
    if (state.consumed?.has(eventId) === true) return { count: 0, fires: false };
    const { hits, times } = state;
    if (!hits.has(eventId)) {
      hits.set(eventId, eventTimeMs);
      insertTime(state, eventTimeMs, eventId);
    }
    // Far behind the stream: cannot count again unless logs are badly out of order.
    const horizon = eventTimeMs - 2 * windowMs;
    dropStale(state, horizon);
    const count =
      bound(times, state.head, eventTimeMs, true) - bound(times, state.head, eventTimeMs - windowMs, false);
    if (count < threshold) return { count, fires: false };
    state.consumed ??= new Map();
    for (const [id, time] of hits) state.consumed.set(id, time);
    hits.clear();
    times.length = 0;
    state.ids.length = 0;
    state.head = 0;
    state.firings ??= new Map();
    state.firings.set(eventId, { timeMs: eventTimeMs, count });
    // Only pruned on firing: consumed events are few between firings, and pruning on every hit costs time.
    pruneFired(state, horizon);
    return { count, fires: true };
  }

  claimDedup(key: string, eventId: string, eventTimeMs: number, windowMs: number): boolean {
    if (eventTimeMs > this.streamMs) this.streamMs = eventTimeMs;
    if (--this.claimsUntilSweep === 0) this.sweepClaims();
    const previous = this.claims.get(key);
    if (previous?.eventId === eventId) return true;
    if (previous !== undefined && Math.abs(eventTimeMs - previous.timeMs) < windowMs) {
      return false;
    }
    this.claims.set(key, { timeMs: eventTimeMs, eventId, windowMs });
    return true;
  }
}
