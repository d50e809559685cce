import type { PublishedEventEntry } from './task-integrations';

export type ExecutionStatus =
  | 'RUNNING'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'TIMED_OUT'
  | 'ABORTED'
  | 'PENDING_REDRIVE';

/** The facts of an execution a status-change event reports. */
export interface ExecutionSnapshot {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date | undefined;
  input: string;
  output?: string | undefined;
  error?: string | undefined;
  cause?: string | undefined;
}

/** The detail-type Step Functions uses for execution status changes on the default bus. */
export const EXECUTION_STATUS_CHANGE = 'Step Functions Execution Status Change';

/**
 * Builds the PutEvents entry for a `Step Functions Execution Status Change` event: source `aws.states`,
 * the execution ARN as the only resource, and the detail AWS sends (dates in epoch milliseconds, `null`
 * for what is not known yet).
 *
 * @example
 * const entry = buildStatusChangeEntry(snapshot);
 * JSON.parse(entry.Detail ?? '{}').status; // 'RUNNING'
 */
export function buildStatusChangeEntry(execution: ExecutionSnapshot): PublishedEventEntry {
  const isClosed = execution.status !== 'RUNNING';
  const detail = {
    executionArn: execution.executionArn,
    stateMachineArn: execution.stateMachineArn,
    name: execution.name,
    status: execution.status,
    startDate: execution.startDate.getTime(),
    stopDate: execution.stopDate ? execution.stopDate.getTime() : null,
    input: execution.input,
    output: execution.output ?? null,
    inputDetails: { included: true },
    outputDetails: execution.output === undefined ? null : { included: true },
    error: execution.error ?? null,
    cause: execution.cause ?? null,
    redriveCount: 0,
    redriveDate: null,
    redriveStatus: execution.status === 'SUCCEEDED' || !isClosed ? 'NOT_REDRIVABLE' : 'REDRIVABLE',
    redriveStatusReason: isClosed ? null : 'Execution is RUNNING and cannot be redriven',
    stateMachineVersionArn: null,
    stateMachineAliasArn: null,
  };
  return {
    Source: 'aws.states',
    DetailType: EXECUTION_STATUS_CHANGE,
    Detail: JSON.stringify(detail),
    EventBusName: 'default',
    Resources: [execution.executionArn],
    Time: execution.stopDate ?? execution.startDate,
  };
}
