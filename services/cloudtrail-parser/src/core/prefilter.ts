import type { PrefilterLiteral } from './prefilter-literals';

const BLOOM_BITS = 18;
const BLOOM_MASK = (1 << BLOOM_BITS) - 1;

function tokenHash(bytes: Uint8Array, start: number, end: number): number {
  // Read only inside the token: the literal is hashed from its own buffer, the token from the record.
  const length = end - start;
  if (length === 0) {
    return 0;
  }
  const first = bytes[start] ?? 0;
  const last = bytes[end - 1] ?? 0;
  const second = length > 1 ? (bytes[start + 1] ?? 0) : 0;
  const beforeLast = length > 1 ? (bytes[end - 2] ?? 0) : 0;
  return (
    (Math.imul(length, 0x9e3779b1) ^ (first << 13) ^ (second << 7) ^ (beforeLast << 3) ^ last) & BLOOM_MASK
  );
}

function sameBytes(bytes: Uint8Array, start: number, literal: Uint8Array): boolean {
  for (let index = 0; index < literal.length; index++) {
    if (bytes[start + index] !== literal[index]) {
      return false;
    }
  }
  return true;
}

/**
 * Decides from a record's raw bytes whether it could match any rule, without parsing it. Built from the
 * rules' literals (see `prefilter-literals.ts`): a record is a candidate when one of its JSON string tokens
 * equals an exact literal or starts with a prefix literal, or its text contains a substring
 * literal. Only sound for records without backslashes: the scanner parses those regardless.
 */
export class RawPrefilter {
  /** True when some rule cannot be prefiltered: every record must be parsed. */
  readonly isPassThrough: boolean;
  private hasShortSubstring = false;
  readonly hasSubstrings: boolean;
  private readonly exactBloom = new Uint8Array(1 << BLOOM_BITS);
  private readonly exactByHash = new Map<number, Uint8Array[]>();
  private readonly prefixHeads = new Uint8Array(1 << 16);
  private readonly prefixes: Uint8Array[] = [];
  readonly substrings: Buffer[] = [];
  /** Marks the first two bytes of each substring literal (≥ 2 bytes), for the scanner's per-byte check. */
  readonly substringHeads = new Uint8Array(1 << 16);
  private readonly substringsByHead = new Map<number, Uint8Array[]>();

  constructor(literalSets: (PrefilterLiteral[] | undefined)[]) {
    this.isPassThrough = literalSets.some((set) => set === undefined);
    const seen = new Set<string>();
    for (const literal of literalSets.flatMap((set) => set ?? [])) {
      const key = `${literal.kind}:${literal.text}`;
      if (!seen.has(key)) {
        seen.add(key);
        this.add(literal);
      }
    }
    this.hasSubstrings = this.substrings.length > 0;
    // A one-byte substring would hit nearly every record: not worth a prefilter.
    this.isPassThrough ||= this.hasShortSubstring;
  }

  private add(literal: PrefilterLiteral): void {
    const bytes = Buffer.from(literal.text, 'utf8');
    if (literal.kind === 'exact') {
      const hash = tokenHash(bytes, 0, bytes.length);
      this.exactBloom[hash] = 1;
      this.exactByHash.set(hash, [...(this.exactByHash.get(hash) ?? []), bytes]);
    } else if (literal.kind === 'prefix') {
      const head = (bytes[0] ?? 0) << 8;
      if (bytes.length === 1) {
        // Any second byte (including the closing quote of a one-byte token) may follow.
        this.prefixHeads.fill(1, head, head + 256);
      } else {
        this.prefixHeads[head | (bytes[1] ?? 0)] = 1;
      }
      this.prefixes.push(bytes);
    } else if (bytes.length >= 2) {
      const head = ((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0);
      this.substringHeads[head] = 1;
      this.substringsByHead.set(head, [...(this.substringsByHead.get(head) ?? []), bytes]);
      this.substrings.push(bytes);
    } else {
      this.hasShortSubstring = true;
    }
  }

  /** Whether the string token `bytes[start, end)` (between its quotes, no escapes) hits a literal. */
  matchesToken(bytes: Uint8Array, start: number, end: number): boolean {
    const length = end - start;
    if (this.exactBloom[tokenHash(bytes, start, end)] === 1) {
      for (const literal of this.exactByHash.get(tokenHash(bytes, start, end)) ?? []) {
        if (literal.length === length && sameBytes(bytes, start, literal)) {
          return true;
        }
      }
    }
    // For a one-byte token the second byte read is its closing quote, which no two-byte prefix has.
    if (length >= 1 && this.prefixHeads[((bytes[start] ?? 0) << 8) | (bytes[start + 1] ?? 0)] === 1) {
      for (const literal of this.prefixes) {
        if (literal.length <= length && sameBytes(bytes, start, literal)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a substring literal whose first two bytes are at `start` (a `substringHeads` hit) occurs there. */
  matchesSubstringAt(bytes: Uint8Array, start: number): boolean {
    const head = ((bytes[start] ?? 0) << 8) | (bytes[start + 1] ?? 0);
    for (const literal of this.substringsByHead.get(head) ?? []) {
      if (start + literal.length <= bytes.length && sameBytes(bytes, start, literal)) {
        return true;
      }
    }
    return false;
  }
}
