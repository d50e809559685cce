import { BASE_RECORD_KEYS } from '../prefilter-record-keys';
import type { ValueScan } from './record-scan';

const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

// A plain loop: keys are short, and `Buffer.compare` with offsets costs a native call.
function isSameName(bytes: Buffer, start: number, name: Buffer): boolean {
  for (let index = 0; index < name.length; index++) {
    if (bytes[start + index] !== name[index]) return false;
  }
  return true;
}

/**
 * Cuts an escape-free record down to the top-level members some rules read, as JSON text: `{"k":v,...}`
 * with each kept member copied verbatim, in record order (a repeated key stays repeated, so `JSON.parse`
 * keeps the last one, as it does for the whole record). Parsing that is several times cheaper than
 * parsing the record, and the kept values are exactly the record's.
 */
export class PartialRecordCutter {
  private readonly idByName = new Map<string, number>();
  private readonly namesByLength = new Map<number, { bytes: Buffer; id: number }[]>();
  private readonly baseIds: number[];
  private readonly idsBySet: (number[] | undefined)[];
  private readonly wanted: Int32Array;
  private epoch = 0;
  private scratch = Buffer.allocUnsafe(64 * 1024);

  /** `keysBySet[i]`: the keys literal set `i` (a rule) needs, or undefined when the record must be whole. */
  constructor(keysBySet: readonly (readonly string[] | undefined)[]) {
    this.baseIds = BASE_RECORD_KEYS.map((name) => this.idOf(name));
    this.idsBySet = keysBySet.map((keys) => keys?.map((name) => this.idOf(name)));
    this.wanted = new Int32Array(this.idByName.size);
  }

  private idOf(name: string): number {
    let id = this.idByName.get(name);
    if (id === undefined) {
      id = this.idByName.size;
      this.idByName.set(name, id);
      const bytes = Buffer.from(name, 'utf8');
      this.namesByLength.set(bytes.length, [...(this.namesByLength.get(bytes.length) ?? []), { bytes, id }]);
    }
    return id;
  }

  private idAt(bytes: Buffer, start: number, end: number): number {
    const names = this.namesByLength.get(end - start);
    if (names === undefined) return -1;
    for (const name of names) {
      if (isSameName(bytes, start, name.bytes)) return name.id;
    }
    return -1;
  }

  /**
   * The JSON text of the record ending at `end` in `bytes` (scanned into `scan`) reduced to the keys the literal
   * sets `sets` need, or undefined when it cannot be cut (keys not recorded, a set needing everything, or
   * an unexpected layout): then the record is parsed whole.
   */
  cut(bytes: Buffer, end: number, scan: ValueScan, sets: readonly number[]): string | undefined {
    const count = scan.keyCount;
    if (count <= 0) return undefined;
    const epoch = ++this.epoch;
    const wanted = this.wanted;
    for (const id of this.baseIds) wanted[id] = epoch;
    for (const set of sets) {
      const ids = this.idsBySet[set];
      if (ids === undefined) return undefined;
      for (const id of ids) wanted[id] = epoch;
    }
    const { keyStarts, keyEnds } = scan;
    let length = 0;
    for (let index = 0; index < count; index++) {
      const keyStart = keyStarts[index] as number;
      const id = this.idAt(bytes, keyStart + 1, keyEnds[index] as number);
      if (id === -1 || wanted[id] !== epoch) continue;
      const hasNext = index + 1 < count;
      const memberEnd = this.memberEnd(bytes, hasNext ? (keyStarts[index + 1] as number) : end, hasNext);
      if (memberEnd === -1) return undefined;
      length = this.append(bytes, keyStart, memberEnd, length);
    }
    if (length === 0) return undefined;
    this.scratch[0] = OPEN_BRACE;
    this.scratch[length + 1] = CLOSE_BRACE;
    return this.scratch.toString('utf8', 0, length + 2);
  }

  /** End of a member whose successor starts at `next` (a key's quote, or just past the record's `}`). */
  private memberEnd(bytes: Buffer, next: number, hasNextKey: boolean): number {
    let index = next - 1;
    if (!hasNextKey) {
      if (bytes[index] !== CLOSE_BRACE) return -1;
      index--;
    }
    while (isSpace(bytes[index])) index--;
    if (hasNextKey) {
      if (bytes[index] !== COMMA) return -1;
      index--;
      while (isSpace(bytes[index])) index--;
    }
    return index + 1;
  }

  /**
   * Appends member `bytes[from, to)` to the `length` bytes of members already in `scratch[1, 1 + length)`
   * (byte 0 is the opening brace); returns the new length.
   */
  private append(bytes: Buffer, from: number, to: number, length: number): number {
    const needed = length + (to - from) + 3;
    if (needed > this.scratch.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.scratch.length * 2));
      this.scratch.copy(grown, 0, 0, length + 1);
      this.scratch = grown;
    }
    let at = length + 1;
    if (length > 0) {
      this.scratch[at] = COMMA;
      at++;
    }
    const scratch = this.scratch;
    if (to - from < 256) {
      // Most members are short: a loop beats `copy`'s native call.
      for (let index = from; index < to; index++) scratch[at++] = bytes[index] as number;
      return at - 1;
    }
    bytes.copy(scratch, at, from, to);
    return at + (to - from) - 1;
  }
}
