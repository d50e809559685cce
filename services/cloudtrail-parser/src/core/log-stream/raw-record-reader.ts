import type { ValueScan } from './record-scan';

const QUOTE = 0x22;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

interface NamedChild {
  bytes: Buffer;
  name: string;
  node: PathNode;
}

// `toString('utf8', …)` goes through argument checks and `slice` before reaching this native decoder; a
// candidate record has a dozen values to decode, so the direct call is used when Node has it.
const utf8Slice: (bytes: Buffer, start: number, end: number) => string =
  typeof (Buffer.prototype as { utf8Slice?: unknown }).utf8Slice === 'function'
    ? (bytes, start, end) =>
        (bytes as Buffer & { utf8Slice(s: number, e: number): string }).utf8Slice(start, end)
    : (bytes, start, end) => bytes.toString('utf8', start, end);

/** The paths some rules read, as a tree of keys (a node is a leaf, an object with children, or unusable). */
class PathNode {
  readonly children = new Map<string, PathNode>();
  isLeaf = false;
  private byLength: (NamedChild[] | undefined)[] | undefined;

  add(segments: readonly string[]): void {
    let node: PathNode = this;
    for (const segment of segments) {
      let child = node.children.get(segment);
      if (child === undefined) {
        child = new PathNode();
        node.children.set(segment, child);
      }
      node = child;
    }
    node.isLeaf = true;
  }

  /** False when a path ends where another goes on (the leaf would need the whole object). */
  isReadable(): boolean {
    if (this.isLeaf && this.children.size > 0) return false;
    return [...this.children.values()].every((child) => child.isReadable());
  }

  /** The child named by `bytes[start, end)`, and its name (a plain loop: names are short). */
  childAt(bytes: Buffer, start: number, end: number): NamedChild | undefined {
    this.byLength ??= this.indexChildren();
    const candidates = this.byLength[end - start];
    if (candidates === undefined) return undefined;
    for (let which = 0; which < candidates.length; which++) {
      const candidate = candidates[which] as NamedChild;
      const name = candidate.bytes;
      let index = 0;
      while (index < name.length && bytes[start + index] === name[index]) index++;
      if (index === name.length) return candidate;
    }
    return undefined;
  }

  private indexChildren(): (NamedChild[] | undefined)[] {
    const byLength: (NamedChild[] | undefined)[] = [];
    for (const [name, node] of this.children) {
      const bytes = Buffer.from(name, 'utf8');
      byLength[bytes.length] = [...(byLength[bytes.length] ?? []), { bytes, name, node }];
    }
    return byLength;
  }
}

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** Thrown inside a read when the raw text holds something only a real parse decides (caught in `read`). */
class NotReadable extends Error {}
const NOT_READABLE = new NotReadable('not readable from raw text');

/**
 * Reads, from an escape-free record's raw text, only the values at the dotted paths its candidate rules
 * read (`DetectionEngine.recordPaths`), into a small object of the same shape: no `JSON.parse` of the
 * record, no object for what no rule looks at. Every value it keeps is a scalar (string, number, boolean,
 * null) exactly as `JSON.parse` gives it (also where a path expected an object), and an absent path stays
 * absent, so the rules decide the same as on the whole record. Anything else on a path (an array, an
 * object where a value is read) gives `undefined`: the caller then parses the record instead.
 */
export class RawRecordReader {
  private readonly trees = new Map<string, PathNode | null>();
  private readonly singleTrees: (PathNode | null | undefined)[] = [];
  private readonly cursor = new Cursor();

  /** `pathsBySet[i]`: the paths literal set `i` (a rule) reads, or undefined when it needs a real parse. */
  constructor(private readonly pathsBySet: readonly (readonly string[] | undefined)[]) {}

  private treeFor(sets: readonly number[]): PathNode | null {
    if (sets.length === 1) {
      const set = sets[0] as number;
      let tree = this.singleTrees[set];
      if (tree === undefined) {
        tree = this.buildTree(sets);
        this.singleTrees[set] = tree;
      }
      return tree;
    }
    const key = sets.join(',');
    let tree = this.trees.get(key);
    if (tree === undefined) {
      tree = this.buildTree(sets);
      this.trees.set(key, tree);
    }
    return tree;
  }

  private buildTree(sets: readonly number[]): PathNode | null {
    let tree: PathNode | null;
    tree = new PathNode();
    for (const set of sets) {
      const paths = this.pathsBySet[set];
      if (paths === undefined) {
        tree = null;
        break;
      }
      for (const path of paths) tree.add(path.split('.'));
    }
    if (tree !== null && !tree.isReadable()) tree = null;
    return tree;
  }

  /**
   * The values literal sets `sets` read from the record ending at `end` in `bytes` (scanned into `scan`,
   * escape-free), or undefined when they cannot be read without parsing.
   */
  read(
    bytes: Buffer,
    end: number,
    scan: ValueScan,
    sets: readonly number[]
  ): Record<string, unknown> | undefined {
    const tree = this.treeFor(sets);
    const count = scan.keyCount;
    if (tree === null || count <= 0) return undefined;
    const record: Record<string, unknown> = {};
    const { keyStarts, keyEnds } = scan;
    const cursor = this.cursor;
    cursor.bytes = bytes;
    cursor.end = end;
    try {
      for (let index = 0; index < count; index++) {
        const keyEnd = keyEnds[index] as number;
        const child = tree.childAt(bytes, (keyStarts[index] as number) + 1, keyEnd);
        if (child === undefined) continue;
        cursor.at = afterColon(bytes, keyEnd + 1, end);
        record[child.name] = cursor.value(child.node);
      }
    } catch (error) {
      if (error === NOT_READABLE) return undefined;
      throw error;
    }
    return record;
  }
}

/** Index of the value after the `:` that follows a key's closing quote (at `from - 1`). */
function afterColon(bytes: Buffer, from: number, end: number): number {
  let index = from;
  while (isSpace(bytes[index])) index++;
  if (bytes[index] !== COLON || index >= end) throw NOT_READABLE;
  index++;
  while (isSpace(bytes[index])) index++;
  return index;
}

/** A position in one record's raw text; `value` reads what a path tree asks for and moves past it. */
class Cursor {
  bytes: Buffer = Buffer.alloc(0);
  end = 0;
  at = 0;

  value(node: PathNode): unknown {
    // A scalar where an object was expected is kept as it is: the rules see exactly what the record has.
    return node.isLeaf || this.bytes[this.at] !== OPEN_BRACE ? this.scalar() : this.object(node);
  }

  private scalar(): unknown {
    const { bytes } = this;
    const first = bytes[this.at];
    if (first === QUOTE) {
      const close = bytes.indexOf(QUOTE, this.at + 1);
      if (close === -1 || close >= this.end) throw NOT_READABLE;
      const text = utf8Slice(bytes, this.at + 1, close);
      this.at = close + 1;
      return text;
    }
    if (first === OPEN_BRACE || first === OPEN_BRACKET) throw NOT_READABLE;
    const start = this.at;
    let index = start;
    for (let byte = bytes[index]; index < this.end; byte = bytes[++index]) {
      if (byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET || isSpace(byte)) break;
    }
    this.at = index;
    const text = bytes.toString('latin1', start, index);
    if (text === 'true') return true;
    if (text === 'false') return false;
    if (text === 'null') return null;
    // Only JSON's own number syntax: anything else is left to JSON.parse to reject.
    if (!JSON_NUMBER.test(text)) throw NOT_READABLE;
    return Number(text);
  }

  private object(node: PathNode): Record<string, unknown> {
    const { bytes, end } = this;
    if (bytes[this.at] !== OPEN_BRACE) throw NOT_READABLE;
    const object: Record<string, unknown> = {};
    let index = this.at + 1;
    for (;;) {
      while (isSpace(bytes[index])) index++;
      if (bytes[index] === CLOSE_BRACE) break;
      if (bytes[index] !== QUOTE) throw NOT_READABLE;
      const close = bytes.indexOf(QUOTE, index + 1);
      if (close === -1 || close >= end) throw NOT_READABLE;
      const child = node.childAt(bytes, index + 1, close);
      this.at = afterColon(bytes, close + 1, end);
      if (child === undefined) this.skip();
      else object[child.name] = this.value(child.node);
      index = this.at;
      while (isSpace(bytes[index])) index++;
      if (bytes[index] === COMMA) {
        index++;
        continue;
      }
      if (bytes[index] === CLOSE_BRACE) break;
      throw NOT_READABLE;
    }
    this.at = index + 1;
    return object;
  }

  /** Moves past the value at the cursor (the text is escape-free: a quote always ends a string). */
  private skip(): void {
    const { bytes, end } = this;
    let index = this.at;
    let depth = 0;
    while (index < end) {
      const byte = bytes[index];
      if (byte === QUOTE) {
        const close = bytes.indexOf(QUOTE, index + 1);
        if (close === -1 || close >= end) throw NOT_READABLE;
        index = close + 1;
        if (depth === 0) break;
        continue;
      }
      if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        depth++;
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        if (depth === 0) break; // the end of a scalar member
        depth--;
        if (depth === 0) {
          index++;
          break;
        }
      } else if (depth === 0 && (byte === COMMA || isSpace(byte))) {
        break;
      }
      index++;
    }
    if (index >= end) throw NOT_READABLE;
    this.at = index;
  }
}
