import { GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import { isRetryable } from '@vigil/lambda-kit';
import type { LogObjectReader } from '../core/triggers/log-object-reader';
import type { LogObjectRef } from '../core/triggers/log-object-ref';
import { PermanentCloudTrailParserError, RetryableCloudTrailParserError } from '../errors';

/**
 * Reads log objects with `GetObject` (the announced version when there is one) and hands back the body
 * stream as it arrives. A missing object or a denied read is permanent (the message is parked with the
 * reason); throttling and 5xx are retryable (SQS redelivers).
 */
export function createS3LogObjectReader(client: S3Client): LogObjectReader {
  return {
    async open(ref) {
      try {
        const response = await client.send(
          new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key, VersionId: ref.versionId })
        );
        const body = response.Body;
        if (!isAsyncIterable(body)) {
          throw new PermanentCloudTrailParserError(`s3://${ref.bucket}/${ref.key}: empty response body`, {
            code: 'LOG_OBJECT_UNREADABLE',
          });
        }
        return body;
      } catch (error) {
        throw classifyReadError(ref, error);
      }
    },
  };
}

// In Node the SDK's body is an `IncomingMessage` (a Readable, hence async-iterable over Buffers).
function isAsyncIterable(value: unknown): value is AsyncIterable<Uint8Array> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

function classifyReadError(ref: LogObjectRef, error: unknown): Error {
  if (error instanceof PermanentCloudTrailParserError) return error;
  const where = `s3://${ref.bucket}/${ref.key}`;
  const name = error instanceof Error ? error.name : 'Error';
  if (isRetryable(error)) {
    return new RetryableCloudTrailParserError(`${where}: ${name}`, { code: 'LOG_OBJECT_READ', cause: error });
  }
  const code =
    error instanceof NoSuchKey || name === 'NoSuchKey' ? 'LOG_OBJECT_MISSING' : 'LOG_OBJECT_UNREADABLE';
  return new PermanentCloudTrailParserError(`${where}: ${name}`, { code, cause: error });
}
