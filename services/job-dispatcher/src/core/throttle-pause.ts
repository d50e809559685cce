/** The dispatcher's pause: set when AWS throttles it, lifted by time alone. */
export type PauseState = { pausedUntil?: string | undefined; pauseReason?: string | undefined };

/** Where the pause stands at a given time. */
export type PauseStatus =
  | { status: 'running' }
  | { status: 'paused'; resumeAt: Date; reason: string }
  /** The pause just ran out: dispatch resumes and the pause is cleared. */
  | { status: 'resumed'; pausedUntil: Date };

/** Default length of a pause (Mondoo pauses all scan jobs for 15 minutes after a rate-limit error). */
export const DEFAULT_PAUSE_MINUTES = 15;

/** Reads the pause at `now`. */
export function pauseStatus(state: PauseState, now: Date): PauseStatus {
  if (state.pausedUntil === undefined) return { status: 'running' };
  const until = new Date(state.pausedUntil);
  if (Number.isNaN(until.getTime()) || until.getTime() <= now.getTime())
    return { status: 'resumed', pausedUntil: until };
  return { status: 'paused', resumeAt: until, reason: state.pauseReason ?? 'throttled' };
}

/**
 * Pauses dispatch for `pauseMinutes` after a throttle at `now`. A pause already running longer is kept
 * (a second throttle during the same tick never shortens it).
 */
export function pauseAfterThrottle(
  state: PauseState,
  now: Date,
  reason: string,
  pauseMinutes: number
): PauseState {
  const until = new Date(now.getTime() + pauseMinutes * 60_000);
  const current = state.pausedUntil === undefined ? undefined : new Date(state.pausedUntil);
  if (current !== undefined && current.getTime() >= until.getTime()) return state;
  return { pausedUntil: until.toISOString(), pauseReason: reason };
}

/** Clears a pause that ran out. */
export function clearPause(): PauseState {
  return { pausedUntil: undefined, pauseReason: undefined };
}
