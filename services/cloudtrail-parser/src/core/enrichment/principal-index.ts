import { type IssuedCredentials, readIssuedCredentials } from './issued-credentials';
import type { PrincipalStore } from './principal-store';

/** Entries kept before the oldest are forgotten: bounds memory on huge scans (≈ 300 bytes each). */
const DEFAULT_MAX_ENTRIES = 200_000;

/**
 * The in-memory principal index `vigil scan` feeds with every record (`observe`), so that later calls
 * made with an issued key resolve to who asked for it. Also a `PrincipalStore` (tests, local runs).
 * Expiry is not enforced: a scan reads history, where "now" is the record's time, not the clock's.
 */
export class PrincipalIndex implements PrincipalStore {
  readonly #entries = new Map<string, IssuedCredentials>();
  readonly #maxEntries: number;

  constructor(options: { maxEntries?: number | undefined } = {}) {
    this.#maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
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
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
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
