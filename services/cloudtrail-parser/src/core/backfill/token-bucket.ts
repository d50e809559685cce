/** Time for the core: real in the CLI, fake in tests. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** A token bucket: `take(n)` resolves once `n` tokens are there, refilled at `ratePerSecond`. */
export interface TokenBucket {
  take(count: number): Promise<void>;
}

/**
 * A token bucket limiting the send rate to `ratePerSecond` on average, with bursts up to `capacity`
 * (at least one batch, so a batch is never starved). It starts full: the first batch goes at once.
 */
export function createTokenBucket(options: {
  ratePerSecond: number;
  capacity: number;
  clock: Clock;
}): TokenBucket {
  const { ratePerSecond, clock } = options;
  const capacity = Math.max(1, options.capacity);
  let tokens = capacity;
  let refilledAt = clock.now();
  const refill = (): void => {
    const now = clock.now();
    tokens = Math.min(capacity, tokens + ((now - refilledAt) / 1000) * ratePerSecond);
    refilledAt = now;
  };
  return {
    async take(count) {
      const wanted = Math.min(count, capacity);
      refill();
      while (tokens < wanted) {
        await clock.sleep(Math.ceil(((wanted - tokens) / ratePerSecond) * 1000));
        refill();
      }
      tokens -= wanted;
    },
  };
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
