import type { PutEventsEntry } from '@vigil/event-schema';
import type { DeadLetter, DeadLetterSink } from '../../src/core/dead-letter-sink';
import type { DispatcherState, DispatcherStateStore } from '../../src/core/dispatcher-state-store';
import type { EventPublisher } from '../../src/core/event-publisher';
import type { EntryResult } from '../../src/core/retry-policy';

/**
 * A publisher that records every entry it accepts; `failWith(jobId)` makes entries of that job fail with a
 * code, `throwNext` makes the next call throw.
 */
export class RecordingPublisher implements EventPublisher {
  readonly accepted: PutEventsEntry[] = [];
  readonly calls: number[] = [];
  private readonly failures = new Map<string, { code: string; times: number }>();
  throwNext: Error | undefined;

  failWith(jobId: string, code: string, times = Number.POSITIVE_INFINITY): void {
    this.failures.set(jobId, { code, times });
  }

  async putEvents(entries: readonly PutEventsEntry[]): Promise<EntryResult[]> {
    this.calls.push(entries.length);
    if (this.throwNext !== undefined) {
      const error = this.throwNext;
      this.throwNext = undefined;
      throw error;
    }
    return entries.map((entry) => {
      const jobId = (JSON.parse(entry.Detail) as { vigilJob?: { jobId?: string } }).vigilJob?.jobId ?? '';
      const failure = this.failures.get(jobId);
      if (failure !== undefined && failure.times > 0) {
        failure.times -= 1;
        return { ok: false, errorCode: failure.code, errorMessage: `${failure.code} for ${jobId}` };
      }
      this.accepted.push(entry);
      return { ok: true, eventId: `event-${this.accepted.length}` };
    });
  }

  jobIds(): string[] {
    return this.accepted
      .map((entry) => (JSON.parse(entry.Detail) as { vigilJob?: { jobId?: string } }).vigilJob?.jobId)
      .filter((jobId): jobId is string => jobId !== undefined);
  }
}

export class InMemoryDeadLetters implements DeadLetterSink {
  readonly letters: DeadLetter[] = [];
  async send(letters: readonly DeadLetter[]): Promise<void> {
    this.letters.push(...letters);
  }
}

export class InMemoryState implements DispatcherStateStore {
  state: DispatcherState = {};
  lease: { holder: string; until: Date } | undefined;
  async load(): Promise<DispatcherState> {
    return { ...this.state };
  }
  async save(state: DispatcherState): Promise<void> {
    this.state = { ...state };
  }
  async acquireLease(holder: string, now: Date, until: Date): Promise<boolean> {
    if (this.lease !== undefined && this.lease.holder !== holder && this.lease.until > now) return false;
    this.lease = { holder, until };
    return true;
  }
  async releaseLease(holder: string): Promise<void> {
    if (this.lease?.holder === holder) this.lease = undefined;
  }
}

/** A clock tests move by hand. */
export class ManualClock {
  constructor(private current: Date) {}
  now = (): Date => new Date(this.current);
  set(time: Date | string): void {
    this.current = new Date(time);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
