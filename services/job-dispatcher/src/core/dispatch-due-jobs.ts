import { buildPutEventsEntry, VIGIL_SCHEDULER_PAUSED } from '@vigil/event-schema';
import { ThrottledError } from '../errors';
import type { DeadLetterSink } from './dead-letter-sink';
import { dispatchPage } from './dispatch-page';
import type { DispatcherState, DispatcherStateStore } from './dispatcher-state-store';
import type { EventPublisher } from './event-publisher';
import type { FailureLimits } from './failure-policy';
import type { DueJobStore } from './job-store';
import { type LagStats, lagStats } from './lag-stats';
import type { BackoffSettings } from './retry-policy';
import { advanceWatermark, planSweep, type SweepSettings } from './sweep-plan';
import { clearPause, pauseAfterThrottle, pauseStatus } from './throttle-pause';

export type DispatchSettings = {
  defaultBus: string;
  pauseMinutes: number;
  defaultLimits: FailureLimits;
  sweep: SweepSettings;
  backoff: BackoffSettings;
  publishConcurrency: number;
  /** Stop starting new pages when less than this much Lambda time is left. */
  safetyMarginMs: number;
  /** Extra lease time covering clock skew between invocations. */
  leaseSkewMs: number;
};

export type DispatchDeps = {
  jobs: DueJobStore;
  publisher: EventPublisher;
  deadLetters: DeadLetterSink;
  state: DispatcherStateStore;
  clock: () => Date;
  remainingMs: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  warn: (message: string, fields?: Record<string, unknown>) => void;
};

export type TickSummary = {
  status: 'completed' | 'incomplete' | 'paused' | 'lease-held';
  due: number;
  dispatched: number;
  failed: number;
  deadLettered: number;
  putEventsCalls: number;
  lag: LagStats;
  /** Whether dispatch is paused after this tick (throttled now or before). */
  isPaused: boolean;
  resumeAt?: string | undefined;
  pauseReason?: string | undefined;
  watermark?: string | undefined;
  bucketsSwept: number;
};

function emptySummary(status: TickSummary['status']): TickSummary {
  return {
    status,
    due: 0,
    dispatched: 0,
    failed: 0,
    deadLettered: 0,
    putEventsCalls: 0,
    lag: lagStats([]),
    isPaused: false,
    bucketsSwept: 0,
  };
}

/**
 * One dispatcher tick (EventBridge `rate(1 minute)`): unless paused, takes the tick lease, sweeps every
 * bucket from the watermark up to now (oldest first, page by page, due ≤ now), dispatches and removes
 * what is due, and stops starting pages when the Lambda is about to run out of time (the next tick picks up
 * the rest). Throttling pauses all dispatch for `pauseMinutes`, announced by a `Vigil Scheduler Paused` event.
 */
export async function dispatchDueJobs(
  tickId: string,
  settings: DispatchSettings,
  deps: DispatchDeps
): Promise<TickSummary> {
  const now = deps.clock();
  const state = await deps.state.load();
  const pause = pauseStatus(state, now);
  if (pause.status === 'paused') {
    return {
      ...emptySummary('paused'),
      isPaused: true,
      resumeAt: pause.resumeAt.toISOString(),
      pauseReason: pause.reason,
      watermark: state.watermark,
    };
  }
  const leaseUntil = new Date(now.getTime() + deps.remainingMs() + settings.leaseSkewMs);
  if (!(await deps.state.acquireLease(tickId, now, leaseUntil))) return emptySummary('lease-held');
  const summary = emptySummary('completed');
  const lags: number[] = [];
  const plan = planSweep(state.watermark, now, settings.sweep);
  const swept = new Set<string>();
  let throttle: ThrottledError | undefined;
  const context = { ...deps, ...settings };
  try {
    sweep: for (const bucket of plan) {
      let cursor: string | undefined;
      let left = 0;
      do {
        if (deps.remainingMs() < settings.safetyMarginMs) {
          summary.status = 'incomplete';
          break sweep;
        }
        const page = await deps.jobs.queryDue(bucket.key, now, cursor);
        summary.due += page.jobs.length + (page.corrupt?.length ?? 0);
        const outcome = await dispatchPage(page.jobs, context, page.corrupt);
        summary.dispatched += outcome.dispatched;
        summary.failed += outcome.failed;
        summary.deadLettered += outcome.deadLettered;
        summary.putEventsCalls += outcome.putEventsCalls;
        lags.push(...outcome.lagsMs);
        left += outcome.left;
        if (outcome.throttle !== undefined) {
          throttle = outcome.throttle;
          break sweep;
        }
        cursor = page.cursor;
      } while (cursor !== undefined);
      if (left === 0) swept.add(bucket.key);
    }
  } catch (error) {
    if (!(error instanceof ThrottledError)) throw error;
    throttle = error;
  } finally {
    const next: DispatcherState = {
      ...state,
      ...(pause.status === 'resumed' ? clearPause() : {}),
      watermark: advanceWatermark(state.watermark, plan, swept),
    };
    if (throttle !== undefined)
      Object.assign(next, pauseAfterThrottle(next, deps.clock(), throttle.message, settings.pauseMinutes));
    await deps.state.save(next);
    await deps.state.releaseLease(tickId);
    summary.watermark = next.watermark;
    summary.bucketsSwept = swept.size;
    if (throttle !== undefined) {
      summary.status = 'paused';
      summary.isPaused = true;
      summary.resumeAt = next.pausedUntil;
      summary.pauseReason = throttle.message;
      await announcePause(throttle, next, deps, settings);
    }
  }
  summary.lag = lagStats(lags);
  return summary;
}

async function announcePause(
  throttle: ThrottledError,
  state: DispatcherState,
  deps: DispatchDeps,
  settings: DispatchSettings
) {
  const entry = buildPutEventsEntry(
    VIGIL_SCHEDULER_PAUSED,
    {
      schemaVersion: '1',
      pausedAt: deps.clock().toISOString(),
      resumeAt: state.pausedUntil ?? deps.clock().toISOString(),
      reason: throttle.message,
      service: throttle.service,
      errorCode: throttle.errorCode,
    },
    settings.defaultBus
  );
  try {
    await deps.publisher.putEvents([entry]);
  } catch (error) {
    // EventBridge may be the one throttling: the pause is stored and the Paused metric still counts it.
    deps.warn('could not publish Vigil Scheduler Paused', { error: String(error) });
  }
}
