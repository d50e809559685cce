import type { LogObjectRef } from './log-object-ref';

/** Opens a log object as a byte stream (never buffered whole): S3 `GetObject` in the Lambda. */
export interface LogObjectReader {
  open(ref: LogObjectRef): Promise<AsyncIterable<Uint8Array>>;
}
