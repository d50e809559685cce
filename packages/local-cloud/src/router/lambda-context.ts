import { randomUUID } from 'node:crypto';

/** The parts of a Lambda context object that handlers (powertools, middy) read. */
export interface LambdaContextLike {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  getRemainingTimeInMillis(): number;
  done(): void;
  fail(): void;
  succeed(): void;
}

/** An in-process function the router can invoke: any Lambda handler `(event, context) => result`. */
export type LambdaLike = (event: never, context: LambdaContextLike) => unknown;

/**
 * A Lambda-shaped context for an in-process invocation with a working timeout clock.
 *
 * @example
 * await handler(event, createLambdaContext('vigil-dev-scan', { region: 'us-east-1', accountId: '000000000000' }));
 */
export function createLambdaContext(
  functionName: string,
  options: { region: string; accountId: string; timeoutMs?: number }
): LambdaContextLike {
  const deadline = Date.now() + (options.timeoutMs ?? 6000);
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${options.region}:${options.accountId}:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/${randomUUID()}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
