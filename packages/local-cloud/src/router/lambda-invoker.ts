import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DeliveryError } from '../errors';
import { createLambdaContext, type LambdaLike } from './lambda-context';

/** Calls functions by name: in-process handlers first, else the Lambda API of the process serving them. */
export interface LambdaInvoker {
  /** Synchronous invocation (event sources): resolves the function's result, throws `DeliveryError` on error. */
  invoke(functionName: string, payload: unknown): Promise<unknown>;
  has(functionName: string): boolean;
  /** The Lambda API endpoint serving the function, or `undefined` when it runs in process or is unknown. */
  endpointOf(functionName: string): string | undefined;
  /** Releases the HTTP clients. */
  destroy(): void;
}

export interface LambdaInvokerOptions {
  functions: Record<string, LambdaLike>;
  /**
   * Lambda API endpoints by function name, or by name prefix ending in `*` (`vigil-jobs-dev-*`), e.g. one
   * serverless-offline process per service. Read at each invocation, so entries may be added once a
   * process is ready. An exact name wins over a prefix, the longest prefix over shorter ones.
   */
  lambdaEndpoints?: Record<string, string> | undefined;
  /** serverless-offline's Lambda endpoint (`http://127.0.0.1:3002`) for functions found nowhere else. */
  lambdaEndpoint?: string | undefined;
  region: string;
  accountId: string;
}

/** `arn:aws:lambda:r:a:function:name[:alias]` or a bare name → the function name. */
export function functionNameOf(nameOrArn: string): string {
  const match = /^arn:aws[\w-]*:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(nameOrArn);
  return match?.[1] ?? nameOrArn;
}

/**
 * The endpoint of a function in a name/prefix map: exact name first, then the longest matching prefix.
 *
 * @example
 * endpointFor({ 'vigil-jobs-dev-*': 'http://127.0.0.1:4002' }, 'vigil-jobs-dev-scheduleJob') // 'http://127.0.0.1:4002'
 */
export function endpointFor(endpoints: Record<string, string>, functionName: string): string | undefined {
  const exact = endpoints[functionName];
  if (exact !== undefined) return exact;
  let best: { prefix: string; endpoint: string } | undefined;
  for (const [key, endpoint] of Object.entries(endpoints)) {
    if (!key.endsWith('*')) continue;
    const prefix = key.slice(0, -1);
    if (functionName.startsWith(prefix) && prefix.length >= (best?.prefix.length ?? -1))
      best = { prefix, endpoint };
  }
  return best?.endpoint;
}

async function invokeRemote(client: LambdaClient, functionName: string, payload: unknown): Promise<unknown> {
  const response = await client
    .send(
      new InvokeCommand({
        FunctionName: functionName,
        Payload: new TextEncoder().encode(JSON.stringify(payload)),
      })
    )
    .catch((error: unknown) => {
      throw new DeliveryError(`function ${functionName} could not be invoked: ${String(error)}`, {
        cause: error,
      });
    });
  const text = response.Payload === undefined ? '' : new TextDecoder().decode(response.Payload);
  if (response.FunctionError !== undefined) {
    throw new DeliveryError(`function ${functionName} failed (${response.FunctionError}): ${text}`);
  }
  return text === '' ? null : JSON.parse(text);
}

/**
 * Builds the invoker the router and the Step Functions facade share.
 *
 * @example
 * const invoker = createLambdaInvoker({ functions: { 'svc-dev-fn': handler }, region, accountId });
 * await invoker.invoke('svc-dev-fn', { Records: [] });
 */
export function createLambdaInvoker(options: LambdaInvokerOptions): LambdaInvoker {
  const clients = new Map<string, LambdaClient>();
  const clientFor = (endpoint: string): LambdaClient => {
    let client = clients.get(endpoint);
    if (client === undefined) {
      client = new LambdaClient({
        endpoint,
        region: options.region,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxAttempts: 1,
      });
      clients.set(endpoint, client);
    }
    return client;
  };
  const endpointOf = (nameOrArn: string): string | undefined => {
    const functionName = functionNameOf(nameOrArn);
    if (functionName in options.functions) return undefined;
    return endpointFor(options.lambdaEndpoints ?? {}, functionName) ?? options.lambdaEndpoint;
  };
  return {
    has: (name) => functionNameOf(name) in options.functions || endpointOf(name) !== undefined,
    endpointOf,
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
      const endpoint = endpointOf(functionName);
      if (endpoint !== undefined) return invokeRemote(clientFor(endpoint), functionName, payload);
      throw new DeliveryError(`function ${functionName} is not registered and no Lambda endpoint serves it`);
    },
    destroy() {
      for (const client of clients.values()) client.destroy();
      clients.clear();
    },
  };
}
