import type { PrefilterLiteral } from './prefilter-literals';
import { SubstringSearch } from './prefilter-substrings';

const BLOOM_BITS = 18;
const BLOOM_MASK = (1 << BLOOM_BITS) - 1;
const QUOTE = 0x22;
const COLON = 0x3a;
const BACKSLASH = 0x5c;

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

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** A whole-token literal: an exact value, and/or a key whose string value is searched for substrings. */
interface TokenEntry {
  bytes: Uint8Array;
  /** Literal index of an `exact` literal with this text, or -1. */
  exact: number;
  /** Substrings bound to the value of a key with this name. */
  valueSearch: SubstringSearch | undefined;
}

/**
 * Decides from a record's raw bytes which rules it could match, without parsing it. Built from one literal
 * set per rule (see `prefilter-literals.ts`; plus extra sets such as enrichment's): a set is hit when one
 * of the record's JSON string tokens equals one of its exact literals or starts with a prefix literal, or
 * a substring literal occurs in the string value of its field (field-less substrings: in any token).
 * Only sound for records without backslashes: the scanner parses those regardless.
 *
 * Per record: `beginRecord()`, then `checkToken` for every string token; `hitSets` lists the sets hit.
 */
export class RawPrefilter {
  /** True when some rule cannot be prefiltered: every record must be parsed. */
  readonly isPassThrough: boolean;
  /** Indexes (in constructor order) of the sets the current record hit, each once. */
  readonly hitSets: number[] = [];
  private readonly setsByLiteral: number[][] = [];
  private readonly bloom = new Uint8Array(1 << BLOOM_BITS);
  private readonly entriesByHash = new Map<number, TokenEntry[]>();
  private readonly prefixHeads = new Uint8Array(1 << 16);
  private readonly prefixes: { bytes: Uint8Array; literal: number }[] = [];
  private readonly anyTokenSearch = new SubstringSearch();
  private readonly valueSearches = new Map<string, SubstringSearch>();
  private hasUnsearchable = false;
  /**
   * Tokens worth a `checkToken` call, by length (mod 64) and first byte: the scanner tests this first,
   * so most tokens cost one table read (no literal has their length and first byte).
   */
  readonly tokenHeads = new Uint8Array(64 * 256);
  private epoch = 1;
  private readonly literalStamp: Int32Array;
  private readonly setStamp: Int32Array;

  constructor(literalSets: readonly (readonly PrefilterLiteral[] | undefined)[]) {
    this.isPassThrough = literalSets.some((set) => set === undefined);
    const indexByKey = new Map<string, number>();
    literalSets.forEach((set, setIndex) => {
      for (const literal of set ?? []) {
        const key = `${literal.kind}:${literal.field ?? ''}:${literal.text}`;
        let index = indexByKey.get(key);
        if (index === undefined) {
          index = this.setsByLiteral.length;
          indexByKey.set(key, index);
          this.setsByLiteral.push([]);
          this.add(literal, index);
        }
        const sets = this.setsByLiteral[index] as number[];
        if (!sets.includes(setIndex)) sets.push(setIndex);
      }
    });
    this.literalStamp = new Int32Array(this.setsByLiteral.length);
    this.setStamp = new Int32Array(literalSets.length);
    this.isPassThrough ||= this.hasUnsearchable;
  }

  private entryFor(bytes: Uint8Array): TokenEntry {
    const hash = tokenHash(bytes, 0, bytes.length);
    const entries = this.entriesByHash.get(hash) ?? [];
    let entry = entries.find((candidate) => Buffer.compare(candidate.bytes, bytes) === 0);
    if (entry === undefined) {
      entry = { bytes, exact: -1, valueSearch: undefined };
      entries.push(entry);
      this.entriesByHash.set(hash, entries);
      this.bloom[hash] = 1;
      this.markHead(bytes.length, bytes[0]);
    }
    return entry;
  }

  private add(literal: PrefilterLiteral, index: number): void {
    const bytes = Buffer.from(literal.text, 'utf8');
    if (literal.kind === 'exact') {
      this.entryFor(bytes).exact = index;
    } else if (literal.kind === 'prefix') {
      const head = (bytes[0] ?? 0) << 8;
      if (bytes.length === 1) {
        // Any second byte (including the closing quote of a one-byte token) may follow.
        this.prefixHeads.fill(1, head, head + 256);
      } else {
        this.prefixHeads[head | (bytes[1] ?? 0)] = 1;
      }
      this.prefixes.push({ bytes, literal: index });
      for (let length = 0; length < 64; length++) this.markHead(length, bytes[0]);
    } else if (bytes.length < 2 || bytes.includes(QUOTE) || bytes.includes(BACKSLASH)) {
      // A one-byte substring would hit nearly every record, and one with a quote can span tokens, which
      // the searches (within one token or value) would miss: parse every record instead.
      this.hasUnsearchable = true;
    } else if (literal.field === undefined) {
      this.anyTokenSearch.add(bytes, index);
      this.tokenHeads.fill(1);
    } else {
      let search = this.valueSearches.get(literal.field);
      if (search === undefined) {
        search = new SubstringSearch();
        this.valueSearches.set(literal.field, search);
        this.entryFor(Buffer.from(literal.field, 'utf8')).valueSearch = search;
      }
      search.add(bytes, index);
    }
  }

  private markHead(length: number, first: number | undefined): void {
    // An empty token's first byte is its closing quote.
    this.tokenHeads[((length & 63) << 8) | (length === 0 ? QUOTE : (first ?? 0))] = 1;
  }

  /** Starts a new record: forgets the previous record's hits. */
  beginRecord(): void {
    this.epoch++;
    this.hitSets.length = 0;
  }

  /** Records a hit of literal `index` (its sets, once per record). */
  hit(index: number): void {
    if (this.literalStamp[index] === this.epoch) return;
    this.literalStamp[index] = this.epoch;
    for (const set of this.setsByLiteral[index] as number[]) {
      if (this.setStamp[set] !== this.epoch) {
        this.setStamp[set] = this.epoch;
        this.hitSets.push(set);
      }
    }
  }

  /**
   * Tests the string token `bytes[start, end)` (between its quotes, no escapes) and records its hits. For a
   * key with bound substrings, also searches its value, which follows the closing quote at `end`.
   */
  checkToken(bytes: Uint8Array, start: number, end: number): void {
    const hash = tokenHash(bytes, start, end);
    if (this.bloom[hash] === 1) {
      this.checkEntries(bytes, start, end, hash);
    }
    // For a one-byte token the second byte read is its closing quote, which no two-byte prefix has.
    if (end > start && this.prefixHeads[((bytes[start] ?? 0) << 8) | (bytes[start + 1] ?? 0)] === 1) {
      for (const prefix of this.prefixes) {
        if (prefix.bytes.length <= end - start && sameBytes(bytes, start, prefix.bytes)) {
          this.hit(prefix.literal);
        }
      }
    }
    if (!this.anyTokenSearch.isEmpty) {
      this.anyTokenSearch.search(bytes, start, end, this);
    }
  }

  private checkEntries(bytes: Uint8Array, start: number, end: number, hash: number): void {
    for (const entry of this.entriesByHash.get(hash) ?? []) {
      if (entry.bytes.length !== end - start || !sameBytes(bytes, start, entry.bytes)) continue;
      if (entry.exact >= 0) this.hit(entry.exact);
      if (entry.valueSearch !== undefined) this.searchValue(entry.valueSearch, bytes, end + 1);
    }
  }

  /** `from` is just past a token that names a field: when it is a key, search its value. */
  private searchValue(search: SubstringSearch, bytes: Uint8Array, from: number): void {
    let index = from;
    while (isSpace(bytes[index])) index++;
    if (bytes[index] !== COLON) return; // a value, not a key
    index++;
    while (isSpace(bytes[index])) index++;
    if (bytes[index] !== QUOTE) {
      search.hitAll(this); // not a string (array, object, number) or not buffered yet: assume a hit
      return;
    }
    const close = bytes.indexOf(QUOTE, index + 1);
    if (close === -1) {
      search.hitAll(this);
      return;
    }
    search.search(bytes, index + 1, close, this);
  }
}
