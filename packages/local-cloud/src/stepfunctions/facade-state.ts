import type { AccountScope } from './arns';
import type { ExecutionRun, ExecutionRunDeps } from './execution-run';
import type { ParsedDefinition } from './state-machine-definition';
import type { PublishEvents } from './task-integrations';

export type WorkflowType = 'STANDARD' | 'EXPRESS';

/** A created state machine. */
export interface StoredStateMachine {
  arn: string;
  name: string;
  type: WorkflowType;
  roleArn: string;
  definition: ParsedDefinition;
  creationDate: Date;
}

/** Everything the operations share: the account scope, the stores and the run dependencies. */
export interface FacadeState {
  scope: AccountScope;
  machines: Map<string, StoredStateMachine>;
  executions: Map<string, ExecutionRun>;
  runDeps: ExecutionRunDeps;
  publishEvents: PublishEvents;
}

/**
 * Pages a list the way the Step Functions list operations do: an opaque `nextToken` and `maxResults`
 * (0 or absent means the service default, 100 here; AWS caps it at 1000).
 *
 * @example
 * paginate([1, 2, 3], 2, undefined); // { items: [1, 2], nextToken: 'Mg==' }
 */
export function paginate<T>(
  items: T[],
  maxResults: number | undefined,
  nextToken: string | undefined
): { items: T[]; nextToken?: string } {
  const start = nextToken ? Number(Buffer.from(nextToken, 'base64').toString('utf8')) : 0;
  const size = maxResults && maxResults > 0 ? Math.min(maxResults, 1000) : 100;
  const page = items.slice(Number.isFinite(start) ? start : 0, start + size);
  const end = start + page.length;
  return end < items.length
    ? { items: page, nextToken: Buffer.from(String(end)).toString('base64') }
    : { items: page };
}

/** Dates travel as epoch seconds in awsJson1_0. */
export function epochSeconds(date: Date | undefined): number | undefined {
  return date === undefined ? undefined : date.getTime() / 1000;
}
