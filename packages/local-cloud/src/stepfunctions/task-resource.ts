/** The integration a Task state's `Resource` names, as Step Functions reads it. */
export interface TaskResource {
  /** `dynamodb`, `events`, `lambda`, `aws-sdk:dynamodb`, … as shown in history `resourceType`. */
  resourceType: string;
  /** The action with its pattern suffix, as shown in history `resource` (e.g. `putItem.waitForTaskToken`). */
  resource: string;
  /** `dynamodb`, `events`, `lambda` (optimized or aws-sdk), `lambda-function` (plain Lambda ARN) or `unsupported`. */
  service: 'dynamodb' | 'events' | 'lambda' | 'lambda-function' | 'unsupported';
  /** The API action without the pattern suffix (`putItem`, `putEvents`, `invoke`). */
  action: string;
  isAwsSdk: boolean;
  isWaitForTaskToken: boolean;
  /** For a plain Lambda ARN: the function name (qualifier dropped). */
  functionName?: string;
}

const SERVICE_ARN = /^arn:aws[\w-]*:states:[\w-]*:\d*:(aws-sdk:)?([\w-]+):([\w.-]+)$/u;
const LAMBDA_ARN = /^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:([\w-]+)(:[\w$-]+)?$/u;
const SDK_SERVICES: Record<string, TaskResource['service']> = {
  dynamodb: 'dynamodb',
  eventbridge: 'events',
  lambda: 'lambda',
};

/**
 * Reads a Task state's `Resource` ARN into the integration it calls.
 *
 * @example
 * parseTaskResource('arn:aws:states:::dynamodb:putItem.waitForTaskToken');
 * // { resourceType: 'dynamodb', resource: 'putItem.waitForTaskToken', service: 'dynamodb', action: 'putItem', … }
 */
export function parseTaskResource(arn: string): TaskResource {
  const lambda = LAMBDA_ARN.exec(arn);
  if (lambda?.[1]) {
    return {
      resourceType: 'lambda',
      resource: arn,
      service: 'lambda-function',
      action: 'invoke',
      isAwsSdk: false,
      isWaitForTaskToken: false,
      functionName: lambda[1],
    };
  }
  const match = SERVICE_ARN.exec(arn);
  if (!match?.[2] || !match[3]) {
    return unsupported(arn);
  }
  const isAwsSdk = match[1] !== undefined;
  const serviceName = match[2];
  const resource = match[3];
  const isWaitForTaskToken = resource.endsWith('.waitForTaskToken');
  const action = resource.replace(/\.(waitForTaskToken|sync(:2)?)$/u, '');
  const service = isAwsSdk ? SDK_SERVICES[serviceName] : optimizedService(serviceName, action);
  return {
    resourceType: isAwsSdk ? `aws-sdk:${serviceName}` : serviceName,
    resource,
    service: service ?? 'unsupported',
    action,
    isAwsSdk,
    isWaitForTaskToken,
  };
}

const OPTIMIZED: Record<string, { service: TaskResource['service']; actions: string[] }> = {
  dynamodb: { service: 'dynamodb', actions: ['putItem', 'getItem', 'updateItem', 'deleteItem'] },
  events: { service: 'events', actions: ['putEvents'] },
  lambda: { service: 'lambda', actions: ['invoke'] },
};

function optimizedService(name: string, action: string): TaskResource['service'] | undefined {
  const entry = OPTIMIZED[name];
  return entry?.actions.includes(action) ? entry.service : undefined;
}

function unsupported(arn: string): TaskResource {
  return {
    resourceType: 'unknown',
    resource: arn,
    service: 'unsupported',
    action: '',
    isAwsSdk: false,
    isWaitForTaskToken: false,
  };
}
