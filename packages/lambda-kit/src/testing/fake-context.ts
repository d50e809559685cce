import type { Context } from 'aws-lambda';

/** Timeout of the fake invocation unless overridden, in milliseconds. */
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * A Lambda `Context` for tests whose `getRemainingTimeInMillis` counts down from `timeoutMs` (default 30 s)
 * in real time, as middy's early-timeout expects. Any field can be overridden.
 *
 * @example
 * ```ts
 * const response = await main(event, fakeContext({ functionName: 'ingest-log-file' }));
 * ```
 */
export function fakeContext(overrides: Partial<Context> & { timeoutMs?: number | undefined } = {}): Context {
  const { timeoutMs = DEFAULT_TIMEOUT_MS, ...fields } = overrides;
  const deadline = Date.now() + timeoutMs;
  const functionName = fields.functionName ?? 'vigil-test-function';
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
    ...fields,
  };
}
