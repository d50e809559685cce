import { pipeline, Readable, type TransformOptions } from 'node:stream';
import { createGunzip, type ZlibOptions } from 'node:zlib';
import { LogFormatError, LogTooLargeError } from '../../errors';

// zlib inflates on libuv's pool, one output chunk per step, and each next step waits for a callback on the
// (busy) main thread: bigger steps, and room to keep inflated chunks ahead of the scanner, let inflating
// overlap scanning more (bench scan: 2.55 → 2.43 s) for ~3 MB more of peak memory.
const GUNZIP_CHUNK_BYTES = 256 * 1024;
const GUNZIP_AHEAD_BYTES = 1024 * 1024;

async function* prepend(first: Buffer, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Buffer> {
  yield first;
  for (let next = await rest.next(); next.done !== true; next = await rest.next()) {
    yield Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
  }
}

async function readHead(iterator: AsyncIterator<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  let length = 0;
  while (length < 2) {
    const next = await iterator.next();
    if (next.done === true) {
      break;
    }
    parts.push(Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength));
    length += next.value.byteLength;
  }
  return Buffer.concat(parts);
}

/** Whether bytes start with the gzip magic number. */
export function isGzip(head: Uint8Array): boolean {
  return head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * The uncompressed bytes of a log, as a stream of chunks: gunzipped on the fly (zlib runs off the main
 * thread) when `gzip` is true or, for `'auto'`, when the input starts with the gzip magic number.
 * Throws `LogTooLargeError` as soon as more than `maxBytes` have come out (nothing more is inflated), and
 * `LogFormatError` for a corrupt gzip stream.
 */
export async function* decompressLog(
  input: AsyncIterable<Uint8Array>,
  gzip: boolean | 'auto',
  maxBytes: number
): AsyncGenerator<Buffer> {
  const iterator = input[Symbol.asyncIterator]();
  const head = await readHead(iterator);
  const source = prepend(head, iterator);
  let total = 0;
  if (gzip === false || (gzip === 'auto' && !isGzip(head))) {
    for await (const chunk of source) {
      total += chunk.length;
      if (total > maxBytes) {
        throw new LogTooLargeError(maxBytes);
      }
      yield chunk;
    }
    return;
  }
  // zlib streams take the stream options too (Node passes them to the Transform); its types omit them.
  const gunzipOptions: ZlibOptions & TransformOptions = {
    chunkSize: GUNZIP_CHUNK_BYTES,
    readableHighWaterMark: GUNZIP_AHEAD_BYTES,
  };
  const gunzip = createGunzip(gunzipOptions);
  const readable = Readable.from(source);
  // Errors surface through the gunzip iterator below; the callback only keeps pipeline from rethrowing.
  pipeline(readable, gunzip, () => undefined);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) {
        throw new LogTooLargeError(maxBytes);
      }
      yield chunk;
    }
  } catch (error) {
    if (error instanceof LogTooLargeError) {
      throw error;
    }
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('Z_')) {
      throw new LogFormatError(`not a valid gzip stream (${(error as Error).message})`, { cause: error });
    }
    throw error;
  } finally {
    readable.destroy();
    gunzip.destroy();
  }
}
