import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { LogFormatError } from '../../errors';
import { isGzip } from '../log-stream/decompress-log';
import { DigestFileSchema } from './digest-file';
import type { LocalDigest } from './verify-log-integrity';

/**
 * Reads a synced digest file (gzipped as delivered, or not): its content is hashed uncompressed, as
 * CloudTrail hashes it. Digests are small (one hour of file names), so they are read whole. Throws
 * `LogFormatError` for one that is not a CloudTrail digest.
 */
export async function readLocalDigest(path: string): Promise<LocalDigest> {
  const stored = await readFile(path);
  let content: Buffer;
  try {
    content = isGzip(stored) ? gunzipSync(stored) : stored;
  } catch (error) {
    throw new LogFormatError(`not a valid gzip stream (${(error as Error).message})`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(content.toString('utf8'));
  } catch (error) {
    throw new LogFormatError('digest is not valid JSON', { cause: error });
  }
  const parsed = DigestFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LogFormatError(
      `not a CloudTrail digest (${issue?.path.join('.') || 'document'}: ${issue?.message})`
    );
  }
  return { path, sha256: createHash('sha256').update(content).digest('hex'), digest: parsed.data };
}
