import { TaskError } from './errors';
import { type HistoryDraft, toJsonText } from './execution-history';
import type { TaskStateInfo } from './state-machine-definition';
import { callIntegration, type IntegrationDeps, type TaskScope } from './task-integrations';
import type { TaskOutcome, TaskTokenRegistry } from './task-token-registry';

/** One run of a Task state: its token and whether the facade still waits for it. */
export interface Activation {
  task: TaskStateInfo;
  token: string;
  isOpen: boolean;
  isFailureRecorded: boolean;
  isFailureAcknowledged: boolean;
}

/** What a task run needs from its execution. */
export interface TaskRunHost {
  deps: IntegrationDeps & { tokens: TaskTokenRegistry; region: string };
  scope: TaskScope;
  isClosed(): boolean;
  append(type: string, details: HistoryDraft['details']): void;
}

/** Lets the engine's event iterator catch up (it runs on microtasks) before a task records its events. */
export function drainEngineEvents(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs one Task state activation: records TaskScheduled/TaskStarted (or LambdaFunction* for a plain
 * Lambda ARN), calls the integration, and for `.waitForTaskToken` records TaskSubmitted and waits for
 * the callback. Failures are recorded before they are thrown to the engine (Retry/Catch then apply).
 */
export async function runTaskActivation(
  host: TaskRunHost,
  activation: Activation,
  input: unknown,
  outcome: Promise<TaskOutcome> | undefined
): Promise<unknown> {
  await drainEngineEvents();
  const { resource } = activation.task;
  if (!activation.isOpen || host.isClosed()) throw closedError();
  if (resource.service === 'lambda-function') return runLambdaFunction(host, activation, input);
  const names = { resourceType: resource.resourceType, resource: resource.resource };
  host.append('TaskScheduled', {
    ...names,
    region: host.deps.region,
    parameters: toJsonText(input),
    ...(activation.task.timeoutSeconds === undefined
      ? {}
      : { timeoutInSeconds: activation.task.timeoutSeconds }),
    ...(activation.task.heartbeatSeconds === undefined
      ? {}
      : { heartbeatInSeconds: activation.task.heartbeatSeconds }),
  });
  host.append('TaskStarted', names);
  let result: unknown;
  try {
    result = await callIntegration(resource, input, host.scope, host.deps);
  } catch (error) {
    host.deps.tokens.close(activation.token);
    return failTask(host, activation, 'TaskFailed', toTaskError(error));
  }
  if (!activation.isOpen || host.isClosed()) throw closedError();
  if (!outcome) return succeedTask(host, activation, 'TaskSucceeded', result);
  host.append('TaskSubmitted', {
    ...names,
    output: toJsonText(result),
    outputDetails: { truncated: false },
  });
  const settled = await outcome;
  if (!activation.isOpen || host.isClosed()) throw closedError();
  switch (settled.kind) {
    case 'success':
      return succeedTask(host, activation, 'TaskSucceeded', settled.output);
    case 'failure':
      return failTask(
        host,
        activation,
        'TaskFailed',
        new TaskError(settled.error ?? 'States.TaskFailed', settled.cause ?? '')
      );
    case 'heartbeat-timeout':
      return failTask(
        host,
        activation,
        'TaskTimedOut',
        new TaskError('States.Timeout', 'Task heartbeat timed out')
      );
    default:
      throw closedError();
  }
}

async function runLambdaFunction(host: TaskRunHost, activation: Activation, input: unknown) {
  host.append('LambdaFunctionScheduled', {
    resource: activation.task.resource.resource,
    input: toJsonText(input),
    inputDetails: { truncated: false },
    ...(activation.task.timeoutSeconds === undefined
      ? {}
      : { timeoutInSeconds: activation.task.timeoutSeconds }),
  });
  host.append('LambdaFunctionStarted', undefined);
  let output: unknown;
  try {
    output = await callIntegration(activation.task.resource, input, host.scope, host.deps);
  } catch (error) {
    return failTask(host, activation, 'LambdaFunctionFailed', toTaskError(error));
  }
  if (!activation.isOpen || host.isClosed()) throw closedError();
  return succeedTask(host, activation, 'LambdaFunctionSucceeded', output);
}

function succeedTask(host: TaskRunHost, activation: Activation, type: string, output: unknown): unknown {
  activation.isOpen = false;
  const names = type === 'TaskSucceeded' ? resourceNames(activation) : {};
  host.append(type, { ...names, output: toJsonText(output), outputDetails: { truncated: false } });
  return output;
}

function failTask(host: TaskRunHost, activation: Activation, type: string, error: TaskError): never {
  activation.isOpen = false;
  activation.isFailureRecorded = true;
  const names = type.startsWith('Task') ? resourceNames(activation) : {};
  host.append(type, { ...names, error: error.name, cause: error.message });
  throw error;
}

export function resourceNames(activation: Activation) {
  return {
    resourceType: activation.task.resource.resourceType,
    resource: activation.task.resource.resource,
  };
}

export function toTaskError(error: unknown): TaskError {
  if (error instanceof TaskError) return error;
  return new TaskError('States.TaskFailed', error instanceof Error ? error.message : String(error));
}

// Rejecting (rather than hanging) lets the engine clear its own timers once the task no longer matters.
export function closedError(): TaskError {
  return new TaskError('States.Runtime', 'The execution or task was closed');
}
