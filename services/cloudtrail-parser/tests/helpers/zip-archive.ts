import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';

/** One file of a zip archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

/**
 * The entries of a zip file (the Lambda packages serverless writes: no zip64, no archive comment beyond
 * 64 KiB), read from its central directory.
 */
export function readZipEntries(file: string): { bytes: Buffer; entries: ZipEntry[] } {
  const bytes = readFileSync(file);
  let end = bytes.length - 22;
  while (end >= 0 && bytes.readUInt32LE(end) !== END_OF_CENTRAL_DIRECTORY) end--;
  if (end < 0) throw new Error(`${file}: not a zip archive`);
  const count = bytes.readUInt16LE(end + 10);
  let offset = bytes.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index++) {
    if (bytes.readUInt32LE(offset) !== CENTRAL_FILE_HEADER) throw new Error(`${file}: bad central directory`);
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    entries.push({
      name: bytes.toString('utf8', offset + 46, offset + 46 + nameLength),
      method: bytes.readUInt16LE(offset + 10),
      compressedSize: bytes.readUInt32LE(offset + 20),
      localHeaderOffset: bytes.readUInt32LE(offset + 42),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return { bytes, entries };
}

/** The content of one entry (stored or deflated). */
export function readZipEntry(bytes: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  if (bytes.readUInt32LE(at) !== LOCAL_FILE_HEADER) throw new Error(`${entry.name}: bad local header`);
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method === 8) return inflateRawSync(data);
  throw new Error(`${entry.name}: unsupported compression method ${entry.method}`);
}

/** Extracts every file of `zipFile` under `toDir` (like Lambda unpacks a package into /var/task). */
export function extractZip(zipFile: string, toDir: string): string[] {
  const { bytes, entries } = readZipEntries(zipFile);
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    const target = path.resolve(toDir, entry.name);
    if (!target.startsWith(path.resolve(toDir) + path.sep))
      throw new Error(`${entry.name}: outside the archive`);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, readZipEntry(bytes, entry));
    files.push(entry.name);
  }
  return files;
}
