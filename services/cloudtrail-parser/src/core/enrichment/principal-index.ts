import { type IssuedCredentials, readIssuedCredentials } from './issued-credentials';
import type { PrincipalStore } from './principal-store';

/** Entries kept before the oldest are forgotten: bounds memory on huge scans (≈ 650 bytes each). */
const DEFAULT_MAX_ENTRIES = 200_000;
/**
 * How long past its expiry, behind the latest issuance seen, a key is still kept. Regions' log files
 * interleave and arrive minutes late, so a record signed with a key may come after later issuances.
 */
const DEFAULT_EXPIRED_KEPT_SECONDS = 3600;
/**
 * Issuances between sweeps at least; a sweep also waits for an eighth as many issuances as it left
 * entries: amortised O(1) (8 entries visited per issuance), and memory stays within 1.125 × the live keys
 * plus SWEEP_EVERY. Entries are large (~650 bytes), so they are swept often.
 */
const SWEEP_EVERY = 1024;

/**
 * The in-memory principal index `vigil scan` feeds with every record (`observe`), so that later calls
 * made with an issued key resolve to who asked for it. Also a `PrincipalStore` (tests, local runs).
 * A scan reads history, where "now" is the time of the latest issuance seen, not the clock's: keys that
 * expired well before it are forgotten, so memory follows the sessions alive in the logs, not their length.
 */
export class PrincipalIndex implements PrincipalStore {
  readonly #entries = new Map<string, IssuedCredentials>();
  readonly #maxEntries: number;
  readonly #expiredKeptSeconds: number;
  #latestIssuedSeconds = Number.NEGATIVE_INFINITY;
  #issuedUntilSweep = SWEEP_EVERY;

  constructor(options: { maxEntries?: number | undefined; expiredKeptSeconds?: number | undefined } = {}) {
    this.#maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.#expiredKeptSeconds = options.expiredKeptSeconds ?? DEFAULT_EXPIRED_KEPT_SECONDS;
  }

  /** Remembers the credentials `record` issued, if it is an STS issuance; returns them. */
  observe(record: Record<string, unknown>): IssuedCredentials | undefined {
    const issued = readIssuedCredentials(record);
    if (issued !== undefined) this.remember(issued);
    return issued;
  }

  remember(issued: IssuedCredentials): void {
    this.#entries.delete(issued.accessKeyId);
    this.#entries.set(issued.accessKeyId, issued);
    const issuedSeconds = issued.eventTime === undefined ? Number.NaN : Date.parse(issued.eventTime) / 1000;
    if (issuedSeconds > this.#latestIssuedSeconds) this.#latestIssuedSeconds = issuedSeconds;
    if (--this.#issuedUntilSweep === 0) this.#forgetExpired();
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
  }

  /** Forgets keys that expired more than the kept margin before the latest issuance. */
  #forgetExpired(): void {
    const horizon = this.#latestIssuedSeconds - this.#expiredKeptSeconds;
    for (const [accessKeyId, issued] of this.#entries) {
      if (issued.expiresAt < horizon) this.#entries.delete(accessKeyId);
    }
    this.#issuedUntilSweep = Math.max(SWEEP_EVERY, this.#entries.size >> 3);
  }

  lookup(accessKeyId: string): IssuedCredentials | undefined {
    return this.#entries.get(accessKeyId);
  }

  get size(): number {
    return this.#entries.size;
  }

  async get(accessKeyId: string): Promise<IssuedCredentials | undefined> {
    return this.lookup(accessKeyId);
  }

  async put(issued: readonly IssuedCredentials[]): Promise<void> {
    for (const entry of issued) this.remember(entry);
  }
}
