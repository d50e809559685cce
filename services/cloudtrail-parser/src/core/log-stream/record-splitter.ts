import { LogFormatError } from '../../errors';
import type { RawPrefilter } from '../prefilter';
import { scanRecord, skipValue, ValueScan } from './record-scan';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;
const RECORDS_KEY = Buffer.from('Records');
// CloudTrail writes `eventVersion` first: a record the prefilter would skip is parsed (and reported if it
// is not CloudTrail) unless it starts that way. A cheap shape check, one comparison per record.
const FIRST_KEY = Buffer.from('"eventVersion"');
const EVENT_VERSION_KEY = Buffer.from('eventVersion');

/**
 * How a complete top-level or array item was found: an element of `Records` or of a bare array (`record`),
 * a top-level object whose first key is `eventVersion` (a JSON line, `record` too), or any other top-level
 * object (`object`: a digest, a wrapper whose `Records` is not first, or something else to classify).
 */
export type SplitKind = 'record' | 'object';

/**
 * What the raw text of an item allows: `skip` when it provably cannot match any rule (no parse needed),
 * `candidate` when it is an escape-free record whose string tokens hit the literal sets listed in the
 * prefilter's `hitSets` (its top-level keys are in the `ValueScan`), `parse` when it must be parsed.
 */
export type SplitVerdict = 'skip' | 'candidate' | 'parse';

/**
 * Receives what the splitter finds, synchronously: `bytes`, the prefilter's hits and `scan` are only
 * valid during the call.
 */
export interface SplitSink {
  item(
    bytes: Buffer,
    start: number,
    end: number,
    kind: SplitKind,
    verdict: SplitVerdict,
    offset: number,
    scan: ValueScan
  ): void;
  invalid(reason: string, offset: number): void;
}

type State = 'top' | 'elements' | 'wrapper-elements' | 'wrapper-tail';

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function equalsAt(bytes: Buffer, start: number, end: number, expected: Buffer): boolean {
  return end - start === expected.length && bytes.compare(expected, 0, expected.length, start, end) === 0;
}

/**
 * Splits a CloudTrail log into records incrementally, whatever its form: `{"Records":[...]}` (possibly
 * several), a bare JSON array, or JSON lines. Chunks are pushed as they are inflated; only the unfinished
 * tail of the last record is kept between chunks. While scanning a record it tests each JSON string token
 * against the prefilter, so records that cannot match are never decoded or parsed.
 */
export class RecordSplitter {
  private buffer: Buffer = Buffer.alloc(0);
  private storage: Buffer = Buffer.alloc(0);
  private isInStorage = false;
  /** Incremented by every `push`: bytes handed out before are no longer valid. */
  generation = 0;
  private position = 0;
  /** Byte offset of `buffer[0]` in the whole uncompressed log (for error reports). */
  private base = 0;
  private state: State = 'top';
  private isStart = true;
  /** The first backslash at or after the current record in `buffer` (its length when none; -1 unknown). */
  private backslashAt = -1;
  private readonly scan = new ValueScan();

  constructor(
    private readonly sink: SplitSink,
    private readonly prefilter: RawPrefilter | undefined,
    private readonly maxRecordBytes: number
  ) {}

  /**
   * Scans the next chunk. The bytes handed to the sink (of this chunk or of the record carried over from
   * the previous one) stay valid until the next `push`, no longer: the carry-over storage is reused.
   */
  push(chunk: Buffer): void {
    this.generation++;
    const tail = this.buffer.length - this.position;
    if (tail > 0) {
      // The unfinished record moves to the front of a reused buffer, the chunk after it: no allocation per
      // chunk (a scan's peak memory is mostly buffers waiting for the garbage collector).
      const needed = tail + chunk.length;
      if (this.storage.length < needed) {
        const grown = Buffer.allocUnsafeSlow(Math.max(needed, this.storage.length * 2));
        this.buffer.copy(grown, 0, this.position);
        this.storage = grown;
      } else if (this.isInStorage) {
        this.storage.copyWithin(0, this.position, this.buffer.length);
      } else {
        this.buffer.copy(this.storage, 0, this.position);
      }
      chunk.copy(this.storage, tail);
      this.buffer = this.storage.subarray(0, needed);
      this.isInStorage = true;
    } else {
      this.buffer = chunk;
      this.isInStorage = false;
    }
    this.base += this.position;
    this.position = 0;
    this.backslashAt = -1;
    if (this.isStart) {
      this.skipByteOrderMark();
    }
    while (this.step()) {
      // each step consumes one token or item; false means more input is needed
    }
    if (this.buffer.length - this.position > this.maxRecordBytes) {
      throw new LogFormatError(
        `a record at byte ${this.base + this.position} exceeds ${this.maxRecordBytes} bytes`
      );
    }
  }

  /** Call once after the last chunk: anything left unfinished is reported. */
  finish(): void {
    const rest = this.skipSpace(this.position);
    const first = this.buffer[rest];
    if (rest < this.buffer.length && this.state === 'top' && first !== OPEN_BRACE && first !== OPEN_BRACKET) {
      this.sink.invalid('not valid JSON', this.base + rest);
    } else if (rest < this.buffer.length) {
      this.sink.invalid('truncated: the input ends inside a record', this.base + rest);
    } else if (this.state !== 'top') {
      this.sink.invalid('truncated: the input ends inside the records array', this.base + rest);
    }
    this.buffer = Buffer.alloc(0);
    this.isInStorage = false;
    this.position = 0;
  }

  private skipByteOrderMark(): void {
    if (this.buffer.length < 3) {
      return;
    }
    this.isStart = false;
    if (this.buffer[0] === 0xef && this.buffer[1] === 0xbb && this.buffer[2] === 0xbf) {
      this.position = 3;
    }
  }

  private skipSpace(from: number): number {
    let index = from;
    while (index < this.buffer.length && isSpace(this.buffer[index])) {
      index++;
    }
    return index;
  }

  private step(): boolean {
    const bytes = this.buffer;
    const index = this.skipSpace(this.position);
    if (index >= bytes.length) {
      this.position = index;
      return false;
    }
    const byte = bytes[index];
    if (this.state === 'top') {
      return this.stepTop(index, byte);
    }
    if (this.state === 'wrapper-tail') {
      // Inside the wrapper object after `Records`: skip its other members up to the closing brace.
      skipValue(bytes, index, 1, this.scan);
      if (this.scan.end === -1) {
        return false;
      }
      this.position = this.scan.end;
      this.state = 'top';
      return true;
    }
    if (byte === COMMA) {
      this.position = index + 1;
      return true;
    }
    if (byte === CLOSE_BRACKET) {
      this.position = index + 1;
      this.state = this.state === 'wrapper-elements' ? 'wrapper-tail' : 'top';
      return true;
    }
    if (byte === OPEN_BRACE) {
      return this.emitObject(index, 'record');
    }
    let end: number;
    if (byte === OPEN_BRACKET || byte === QUOTE) {
      skipValue(bytes, index, 0, this.scan);
      end = this.scan.end;
    } else {
      end = this.scanScalar(index);
    }
    if (end === -1) {
      return false;
    }
    this.sink.invalid('not a JSON object', this.base + index);
    this.position = end;
    return true;
  }

  private stepTop(index: number, byte: number | undefined): boolean {
    if (byte === OPEN_BRACKET) {
      this.position = index + 1;
      this.state = 'elements';
      return true;
    }
    if (byte !== OPEN_BRACE) {
      // Not JSON: report the line and go on with the next one (JSON lines).
      const newline = this.buffer.indexOf(NEWLINE, index);
      if (newline === -1) {
        return false;
      }
      this.sink.invalid('not valid JSON', this.base + index);
      this.position = newline + 1;
      return true;
    }
    const key = this.readFirstKey(index);
    if (key === undefined) {
      return false;
    }
    if (key.isRecords) {
      const bracket = this.skipSpace(key.valueStart);
      if (bracket >= this.buffer.length) {
        return false;
      }
      if (this.buffer[bracket] === OPEN_BRACKET) {
        this.position = bracket + 1;
        this.state = 'wrapper-elements';
        return true;
      }
    }
    return this.emitObject(index, key.isEventVersion ? 'record' : 'object');
  }

  /** The first key of the object at `index`, or undefined when more input is needed. */
  private readFirstKey(
    index: number
  ): { isRecords: boolean; isEventVersion: boolean; valueStart: number } | undefined {
    const bytes = this.buffer;
    const quote = this.skipSpace(index + 1);
    if (quote >= bytes.length) {
      return undefined;
    }
    if (bytes[quote] !== QUOTE) {
      return { isRecords: false, isEventVersion: false, valueStart: quote };
    }
    let close = quote + 1;
    while (close < bytes.length && bytes[close] !== QUOTE) {
      close++;
    }
    if (close >= bytes.length) {
      return undefined;
    }
    const colon = this.skipSpace(close + 1);
    if (colon >= bytes.length) {
      return undefined;
    }
    return {
      isRecords: bytes[colon] === COLON && equalsAt(bytes, quote + 1, close, RECORDS_KEY),
      isEventVersion: equalsAt(bytes, quote + 1, close, EVENT_VERSION_KEY),
      valueStart: colon + 1,
    };
  }

  private emitObject(index: number, kind: SplitKind): boolean {
    const prefilter = this.prefilter;
    const scan = this.scan;
    const isTested = prefilter !== undefined && !prefilter.isPassThrough && kind === 'record';
    if (isTested) {
      if (this.backslashAt < index) {
        const found = this.buffer.indexOf(BACKSLASH, index);
        this.backslashAt = found === -1 ? this.buffer.length : found;
      }
      scanRecord(this.buffer, index, this.backslashAt, prefilter, scan);
    } else {
      skipValue(this.buffer, index, 0, scan);
    }
    const end = scan.end;
    if (end === -1) {
      return false;
    }
    let verdict: SplitVerdict = 'parse';
    if (isTested && !scan.hasBackslash && !scan.hasStrayByte && this.startsWithFirstKey(index)) {
      verdict = prefilter.hitSets.length === 0 ? 'skip' : 'candidate';
    }
    this.sink.item(this.buffer, index, end, kind, verdict, this.base + index, scan);
    this.position = end;
    return true;
  }

  /** Whether the object at `start` begins with the `"eventVersion"` key (plain loop: no native call). */
  private startsWithFirstKey(start: number): boolean {
    const bytes = this.buffer;
    let index = start + 1;
    while (isSpace(bytes[index])) {
      index++;
    }
    for (let offset = 0; offset < FIRST_KEY.length; offset++) {
      if (bytes[index + offset] !== FIRST_KEY[offset]) {
        return false;
      }
    }
    return true;
  }

  /** Index just past a scalar array element (number, literal) at `start`, or -1 when more input is needed. */
  private scanScalar(start: number): number {
    const bytes = this.buffer;
    let index = start;
    while (index < bytes.length) {
      const byte = bytes[index];
      if (byte === COMMA || byte === CLOSE_BRACKET || isSpace(byte)) {
        return index;
      }
      index++;
    }
    return -1;
  }
}
