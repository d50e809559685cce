/** Where a substring search reports what it found. */
export interface LiteralHitSink {
  hit(literal: number): void;
}

/**
 * Substring literals (≥ 2 bytes) searched in a byte range: a table of their first two bytes lets the
 * search look at each byte pair once and compare whole literals only where one may start.
 */
export class SubstringSearch {
  private readonly heads = new Uint8Array(1 << 16);
  private readonly byHead = new Map<number, { bytes: Uint8Array; literal: number }[]>();
  private readonly literals: number[] = [];

  get isEmpty(): boolean {
    return this.literals.length === 0;
  }

  add(bytes: Uint8Array, literal: number): void {
    const head = ((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0);
    this.heads[head] = 1;
    this.byHead.set(head, [...(this.byHead.get(head) ?? []), { bytes, literal }]);
    this.literals.push(literal);
  }

  /** Reports every literal that occurs in `bytes[start, end)`. */
  search(bytes: Uint8Array, start: number, end: number, sink: LiteralHitSink): void {
    let pair = bytes[start] ?? 0;
    for (let index = start + 1; index < end; index++) {
      pair = ((pair << 8) | (bytes[index] ?? 0)) & 0xffff;
      if (this.heads[pair] === 1) {
        this.compareAt(bytes, index - 1, end, pair, sink);
      }
    }
  }

  /** Reports every literal: the searched value could not be isolated, so any of them may be there. */
  hitAll(sink: LiteralHitSink): void {
    for (const literal of this.literals) sink.hit(literal);
  }

  private compareAt(bytes: Uint8Array, at: number, end: number, head: number, sink: LiteralHitSink): void {
    for (const candidate of this.byHead.get(head) ?? []) {
      const literal = candidate.bytes;
      if (at + literal.length > end) continue;
      let isSame = true;
      for (let offset = 2; offset < literal.length; offset++) {
        if (bytes[at + offset] !== literal[offset]) {
          isSame = false;
          break;
        }
      }
      if (isSame) sink.hit(candidate.literal);
    }
  }
}
