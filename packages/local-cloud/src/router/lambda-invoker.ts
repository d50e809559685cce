import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DeliveryError } from '../errors';
import { createLambdaContext, type LambdaLike } from './lambda-context';

/** Calls functions by name: in-process handlers first, else serverless-offline's Lambda API. */
export interface LambdaInvoker {
  /** Synchronous invocation (event sources): resolves the function's result, throws `DeliveryError` on error. */
  invoke(functionName: string, payload: unknown): Promise<unknown>;
  has(functionName: string): boolean;
}

export interface LambdaInvokerOptions {
  functions: Record<string, LambdaLike>;
  /** serverless-offline's Lambda endpoint (`http://127.0.0.1:3002`), used for functions not in `functions`. */
  lambdaEndpoint?: string | undefined;
  region: string;
  accountId: string;
}

/** `arn:aws:lambda:r:a:function:name[:alias]` or a bare name → the function name. */
export function functionNameOf(nameOrArn: string): string {
  const match = /^arn:aws[\w-]*:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(nameOrArn);
  return match?.[1] ?? nameOrArn;
}

async function invokeRemote(client: LambdaClient, functionName: string, payload: unknown): Promise<unknown> {
  const response = await client.send(
    new InvokeCommand({
      FunctionName: functionName,
      Payload: new TextEncoder().encode(JSON.stringify(payload)),
    })
  );
  const text = response.Payload === undefined ? '' : new TextDecoder().decode(response.Payload);
  const result: unknown = text === '' ? null : JSON.parse(text);
  if (response.FunctionError !== undefined) {
    throw new DeliveryError(`function ${functionName} failed (${response.FunctionError}): ${text}`);
  }
  return result;
}

/**
 * Builds the invoker the router and the Step Functions facade share.
 *
 * @example
 * const invoker = createLambdaInvoker({ functions: { 'svc-dev-fn': handler }, region, accountId });
 * await invoker.invoke('svc-dev-fn', { Records: [] });
 */
export function createLambdaInvoker(options: LambdaInvokerOptions): LambdaInvoker {
  const client =
    options.lambdaEndpoint === undefined
      ? undefined
      : new LambdaClient({
          endpoint: options.lambdaEndpoint,
          region: options.region,
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          maxAttempts: 1,
        });
  return {
    has: (name) => functionNameOf(name) in options.functions || client !== undefined,
    async invoke(nameOrArn, payload) {
      const functionName = functionNameOf(nameOrArn);
      const handler = options.functions[functionName];
      if (handler !== undefined) {
        const context = createLambdaContext(functionName, options);
        try {
          return await handler(structuredClone(payload) as never, context);
        } catch (error) {
          throw new DeliveryError(`function ${functionName} failed: ${String(error)}`, { cause: error });
        }
      }
      if (client !== undefined) return invokeRemote(client, functionName, payload);
      throw new DeliveryError(`function ${functionName} is not registered and no lambdaEndpoint is set`);
    },
  };
}
