/** Where the facade pretends to live: used to build every ARN it hands out. */
export interface AccountScope {
  region: string;
  accountId: string;
}

export function buildStateMachineArn(scope: AccountScope, name: string): string {
  return `arn:aws:states:${scope.region}:${scope.accountId}:stateMachine:${name}`;
}

export function buildExecutionArn(scope: AccountScope, machineName: string, name: string): string {
  return `arn:aws:states:${scope.region}:${scope.accountId}:execution:${machineName}:${name}`;
}

/** Express executions carry a unique suffix, as AWS's `express:` ARNs do. */
export function buildExpressExecutionArn(
  scope: AccountScope,
  machineName: string,
  name: string,
  id: string
): string {
  return `arn:aws:states:${scope.region}:${scope.accountId}:express:${machineName}:${name}:${id}`;
}

const ARN_PATTERN = /^arn:aws[\w-]*:states:[\w-]+:\d{12}:(stateMachine|execution|express):.+$/u;

/** True when the string has the shape of a Step Functions ARN of the given kind. */
export function isStatesArn(arn: string, kind: 'stateMachine' | 'execution'): boolean {
  const match = ARN_PATTERN.exec(arn);
  if (!match) return false;
  return kind === 'stateMachine' ? match[1] === 'stateMachine' : match[1] !== 'stateMachine';
}
