import type { PauseState } from './throttle-pause';

/** The dispatcher's persistent state: the sweep watermark and the throttle pause. */
export type DispatcherState = PauseState & { watermark?: string | undefined };

/** Where the dispatcher keeps its state and its tick lease. */
export interface DispatcherStateStore {
  load(): Promise<DispatcherState>;
  save(state: DispatcherState): Promise<void>;
  /**
   * Takes the tick lease for `holder` until `until` unless another holder's lease is still valid at `now`
   * (conditional write): two concurrent ticks never sweep at the same time.
   */
  acquireLease(holder: string, now: Date, until: Date): Promise<boolean>;
  /** Gives the lease back (only if `holder` still holds it). */
  releaseLease(holder: string): Promise<void>;
}
