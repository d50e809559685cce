import type { RawPrefilter } from '../prefilter';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const MAX_KEYS = 128;

// Bytes outside strings: 1 allowed (whitespace, `,`, `:`, numbers, true/false/null), 2 opens, 3 closes,
// 0 not JSON (a record holding one is parsed, so the error is reported rather than the record skipped).
const PLAIN = 1;
const OPEN = 2;
const CLOSE = 3;
const OUTSIDE_STRING = new Uint8Array(256);
for (const character of ' \t\r\n,:-+.0123456789eEtrufalsn') {
  OUTSIDE_STRING[character.charCodeAt(0)] = PLAIN;
}
OUTSIDE_STRING[0x7b] = OPEN;
OUTSIDE_STRING[0x5b] = OPEN;
OUTSIDE_STRING[0x7d] = CLOSE;
OUTSIDE_STRING[0x5d] = CLOSE;

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/**
 * What scanning one JSON value found; reused from value to value (the scanner allocates nothing).
 * `keyStarts`/`keyEnds` locate the record's top-level keys (the opening and closing quote of each), in
 * order, when the record is escape-free; `keyCount` is -1 when they were not all recorded.
 */
export class ValueScan {
  /** Index just past the value, or -1 when the buffer ends first. */
  end = -1;
  hasBackslash = false;
  hasStrayByte = false;
  keyCount = 0;
  readonly keyStarts = new Int32Array(MAX_KEYS);
  readonly keyEnds = new Int32Array(MAX_KEYS);
}

/**
 * Scans the object at `start` (a record) and tests its string tokens against the prefilter. `backslashAt`
 * is the first backslash at or after `start` (or the buffer's length): up to it strings cannot hold
 * escapes, so each is skipped by looking for its closing quote alone. From a string holding a backslash
 * on, the rest is scanned escape-aware without tests (the record is parsed anyway).
 * This is the scanner's hot path: one comparison per byte inside strings, no allocation.
 */
export function scanRecord(
  bytes: Buffer,
  start: number,
  backslashAt: number,
  prefilter: RawPrefilter,
  out: ValueScan
): void {
  const length = bytes.length;
  const { keyStarts, keyEnds } = out;
  const tokenHeads = prefilter.tokenHeads;
  let level = 0;
  let index = start;
  let keyCount = 0;
  let hasStrayByte = false;
  prefilter.beginRecord();
  while (index < length) {
    const byte = bytes[index] as number;
    if (byte === QUOTE) {
      const cursor = bytes.indexOf(QUOTE, index + 1);
      if (cursor === -1) {
        break;
      }
      if (cursor > backslashAt) {
        skipValue(bytes, index, level, out);
        out.hasBackslash = true;
        out.hasStrayByte ||= hasStrayByte;
        out.keyCount = -1;
        return;
      }
      if (level === 1 && keyCount >= 0) {
        let after = cursor + 1;
        while (isSpace(bytes[after])) after++;
        if (bytes[after] === COLON) {
          if (keyCount < MAX_KEYS) {
            keyStarts[keyCount] = index;
            keyEnds[keyCount] = cursor;
            keyCount++;
          } else {
            keyCount = -1;
          }
        }
      }
      if (tokenHeads[(((cursor - index - 1) & 63) << 8) | (bytes[index + 1] as number)] === 1) {
        prefilter.checkToken(bytes, index + 1, cursor);
      }
      index = cursor + 1;
      continue;
    }
    const kind = OUTSIDE_STRING[byte];
    if (kind === OPEN) {
      level++;
    } else if (kind === CLOSE) {
      level--;
      if (level === 0) {
        out.end = index + 1;
        out.hasBackslash = false;
        out.hasStrayByte = hasStrayByte;
        out.keyCount = keyCount;
        return;
      }
    } else if (kind !== PLAIN) {
      hasStrayByte = true;
    }
    index++;
  }
  out.end = -1;
}

/**
 * Index just past the object/array/string starting at `start`, entered at `depth` (1 inside an object
 * whose opening brace was already passed), escape-aware, into `out.end` (-1 when the buffer ends first).
 * Sets `hasBackslash` and `hasStrayByte`; records no keys.
 */
export function skipValue(bytes: Buffer, start: number, depth: number, out: ValueScan): void {
  const length = bytes.length;
  let level = depth;
  let index = start;
  let hasBackslash = false;
  let hasStrayByte = false;
  out.keyCount = -1;
  while (index < length) {
    const byte = bytes[index] as number;
    if (byte === QUOTE) {
      let cursor = index + 1;
      while (cursor < length) {
        const inner = bytes[cursor];
        if (inner === QUOTE) break;
        if (inner === BACKSLASH) {
          hasBackslash = true;
          cursor++;
        }
        cursor++;
      }
      if (cursor >= length) break;
      index = cursor + 1;
      if (level === 0) {
        out.end = index;
        out.hasBackslash = hasBackslash;
        out.hasStrayByte = hasStrayByte;
        return;
      }
      continue;
    }
    const kind = OUTSIDE_STRING[byte];
    if (kind === OPEN) {
      level++;
    } else if (kind === CLOSE) {
      level--;
      if (level === 0) {
        out.end = index + 1;
        out.hasBackslash = hasBackslash;
        out.hasStrayByte = hasStrayByte;
        return;
      }
    } else if (kind !== PLAIN) {
      hasStrayByte = true;
    }
    index++;
  }
  out.end = -1;
}
