/** Clock and sleep, injected so the limiter is tested without waiting. */
export type Timer = { now(): number; sleep(ms: number): Promise<void> };

/**
 * A token bucket: `ratePerSecond` tokens refill continuously up to `burst`; `take()` waits for one.
 * Security Hub allows BatchImportFindings at 10 requests/s (burst 30) per account and Region; the adapter
 * keeps each Lambda instance under that, and the SDK's adaptive retry absorbs throttling across instances.
 *
 * @example const bucket = new TokenBucket({ ratePerSecond: 10, burst: 10 }, timer); await bucket.take();
 */
export class TokenBucket {
  #tokens: number;
  #updatedAt: number;
  #queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: { ratePerSecond: number; burst: number },
    private readonly timer: Timer
  ) {
    this.#tokens = options.burst;
    this.#updatedAt = timer.now();
  }

  /** Resolves when a token was taken; callers are served in order. */
  take(): Promise<void> {
    const turn = this.#queue.then(() => this.#takeNow());
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  async #takeNow(): Promise<void> {
    this.#refill();
    if (this.#tokens < 1) {
      const waitMs = Math.ceil(((1 - this.#tokens) / this.options.ratePerSecond) * 1000);
      await this.timer.sleep(waitMs);
      this.#refill();
    }
    this.#tokens = Math.max(0, this.#tokens - 1);
  }

  #refill(): void {
    const now = this.timer.now();
    const elapsed = Math.max(0, now - this.#updatedAt) / 1000;
    this.#tokens = Math.min(this.options.burst, this.#tokens + elapsed * this.options.ratePerSecond);
    this.#updatedAt = now;
  }
}
