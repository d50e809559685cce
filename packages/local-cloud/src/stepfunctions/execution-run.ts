import { type RunOptions, StateMachine } from 'aws-local-stepfunctions';
import {
  causeText,
  createTranslationMemory,
  type EngineEvent,
  translateEngineEvent,
} from './engine-event-translator';
import { ExecutionHistory, type HistoryDraft, toJsonText } from './execution-history';
import { StateContext } from './state-context';
import type { ParsedDefinition, TaskStateInfo } from './state-machine-definition';
import type { ExecutionSnapshot, ExecutionStatus } from './status-change-event';
import type { IntegrationDeps } from './task-integrations';
import {
  type Activation,
  drainEngineEvents,
  resourceNames,
  runTaskActivation,
  type TaskRunHost,
} from './task-run';
import type { TaskTokenRegistry } from './task-token-registry';

type LocalHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
type JsonValue = Parameters<LocalHandlers[string]>[0];

/** What an execution needs from the facade. */
export interface ExecutionRunDeps extends IntegrationDeps {
  tokens: TaskTokenRegistry;
  region: string;
  waitTimeOverridesMs?: Record<string, number> | undefined;
  onStatusChange: (execution: ExecutionSnapshot) => void;
}

/** The state machine an execution runs. */
export interface MachineRef {
  arn: string;
  name: string;
  roleArn: string;
  definition: ParsedDefinition;
}

/**
 * One execution of a state machine on aws-local-stepfunctions: overrides every Task state with the
 * facade's integrations, gives `$$.Task.Token` a fresh token per task, records the history with the
 * real event names and reports each status change.
 */
export class ExecutionRun {
  readonly snapshot: ExecutionSnapshot;
  readonly history = new ExecutionHistory();
  private readonly memory = createTranslationMemory();
  private readonly activations: Activation[] = [];
  private pendingToken: string | undefined;
  private abortEngine: (() => void) | undefined;
  private isFinalized = false;
  private readonly taskHost: TaskRunHost;
  private readonly stateContext = new StateContext();

  constructor(
    private readonly machine: MachineRef,
    snapshot: Omit<ExecutionSnapshot, 'status' | 'stopDate'>,
    private readonly deps: ExecutionRunDeps
  ) {
    this.snapshot = { ...snapshot, status: 'RUNNING' };
    this.taskHost = {
      deps,
      scope: this.snapshot,
      isClosed: () => this.isFinalized,
      append: (type, details) => this.append(type, details),
    };
  }

  start(inputValue: unknown): void {
    this.history.append({
      type: 'ExecutionStarted',
      details: {
        input: this.snapshot.input,
        inputDetails: { truncated: false },
        roleArn: this.machine.roleArn,
      },
      timestamp: this.snapshot.startDate,
    });
    this.deps.onStatusChange({ ...this.snapshot });
    const engine = new StateMachine(this.machine.definition.engineDefinition, {
      validationOptions: { noValidate: true },
    });
    this.stateContext.follow(engine);
    const handlers: LocalHandlers = {};
    for (const task of this.machine.definition.tasks.values()) {
      handlers[task.name] = (input) => this.handleTask(task, input);
    }
    const run = engine.run(inputValue as JsonValue, {
      overrides: {
        taskResourceLocalHandlers: handlers,
        waitTimeOverrides: this.deps.waitTimeOverridesMs ?? {},
      },
      context: this.buildContext(),
    });
    this.abortEngine = run.abort;
    void this.consume(run.eventLogs, run.result);
  }

  /** StopExecution: records ExecutionAborted at once, as AWS shows it, then aborts the engine. */
  async stop(error: string | undefined, cause: string | undefined): Promise<void> {
    await drainEngineEvents();
    if (this.isFinalized) return;
    this.finalize('ABORTED', { error, cause });
    this.abortEngine?.();
  }

  get isRunning(): boolean {
    return !this.isFinalized;
  }

  private buildContext(): NonNullable<RunOptions['context']> {
    // The engine copies the context shallowly per run, so this getter is read when Parameters resolve
    // `$$.Task.Token`; the Task's handler then claims the same token synchronously.
    const task = {};
    Object.defineProperty(task, 'Token', {
      enumerable: true,
      get: () => {
        this.pendingToken ??= this.deps.tokens.issue();
        return this.pendingToken;
      },
    });
    return {
      Execution: {
        Id: this.snapshot.executionArn,
        Name: this.snapshot.name,
        RoleArn: this.machine.roleArn,
        StartTime: this.snapshot.startDate.toISOString(),
      },
      StateMachine: { Id: this.machine.arn, Name: this.machine.name },
      State: this.stateContext.contextObject,
      Task: task,
    };
  }

  private handleTask(task: TaskStateInfo, input: JsonValue): Promise<JsonValue> {
    const token = this.pendingToken ?? this.deps.tokens.issue();
    this.pendingToken = undefined;
    const activation: Activation = {
      task,
      token,
      isOpen: true,
      isFailureRecorded: false,
      isFailureAcknowledged: false,
    };
    this.activations.push(activation);
    // Wait before calling out, so a callback that beats the integration's response is not lost.
    const outcome = task.resource.isWaitForTaskToken
      ? this.deps.tokens.wait(token, this.snapshot.executionArn, task.heartbeatSeconds)
      : undefined;
    return runTaskActivation(this.taskHost, activation, input, outcome) as Promise<JsonValue>;
  }

  private async consume(events: AsyncGenerator<EngineEvent>, result: Promise<unknown>): Promise<void> {
    result.catch(() => undefined);
    for await (const event of events) {
      if (this.isFinalized) continue;
      this.onEngineEvent(event);
    }
    if (this.isFinalized) return;
    // The iterator closed without a terminal event: settle from the result promise.
    try {
      const output = await result;
      this.finalize('SUCCEEDED', { output: toJsonText(output) });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
      this.finalize('FAILED', {
        error: cause?.name ?? 'States.Runtime',
        cause: cause?.message ?? String(error),
      });
    }
  }

  private onEngineEvent(event: EngineEvent): void {
    switch (event.type) {
      case 'ExecutionStarted':
        return;
      case 'ExecutionSucceeded':
        this.finalize('SUCCEEDED', { output: toJsonText(event.output) });
        return;
      case 'ExecutionFailed':
        this.finalize('FAILED', { error: event.Error, cause: causeText(event.Cause) });
        return;
      case 'ExecutionAborted':
        this.finalize('ABORTED', {});
        return;
      case 'ExecutionTimeout':
        this.finalize('TIMED_OUT', { error: 'States.Timeout', cause: 'The execution timed out.' });
        return;
      case 'StateFailed':
        if (event.state.type === 'Task') this.onTaskStateFailed(event.state.name, event.Error);
        break;
      default:
        break;
    }
    for (const draft of translateEngineEvent(event, this.memory)) this.history.append(draft);
  }

  // The engine itself times Tasks out (TimeoutSeconds): record it and retire the task's token.
  private onTaskStateFailed(stateName: string, error: string): void {
    const recorded = this.activations.find(
      (a) => a.task.name === stateName && a.isFailureRecorded && !a.isFailureAcknowledged
    );
    if (recorded) {
      recorded.isFailureAcknowledged = true;
      return;
    }
    const open = this.activations.find((a) => a.task.name === stateName && a.isOpen);
    if (!open || error !== 'States.Timeout') return;
    open.isOpen = false;
    open.isFailureAcknowledged = true;
    this.deps.tokens.close(open.token);
    const isLambda = open.task.resource.service === 'lambda-function';
    this.append(isLambda ? 'LambdaFunctionTimedOut' : 'TaskTimedOut', {
      ...(isLambda ? {} : resourceNames(open)),
      error: 'States.Timeout',
      cause: 'The task timed out (TimeoutSeconds elapsed).',
    });
  }

  private finalize(
    status: ExecutionStatus,
    fields: { output?: string; error?: string | undefined; cause?: string | undefined }
  ) {
    this.isFinalized = true;
    this.snapshot.status = status;
    this.snapshot.stopDate = new Date();
    if (fields.output !== undefined) this.snapshot.output = fields.output;
    if (fields.error !== undefined) this.snapshot.error = fields.error;
    if (fields.cause !== undefined) this.snapshot.cause = fields.cause;
    const type = TERMINAL_EVENT[status];
    const details =
      status === 'SUCCEEDED'
        ? { output: fields.output, outputDetails: { truncated: false } }
        : withoutUndefined({ error: fields.error, cause: fields.cause });
    this.history.append({ type, details, timestamp: this.snapshot.stopDate });
    for (const activation of this.activations) activation.isOpen = false;
    this.deps.tokens.closeExecution(this.snapshot.executionArn);
    this.deps.onStatusChange({ ...this.snapshot });
  }

  private append(type: string, details: HistoryDraft['details']): void {
    this.history.append({ type, details });
  }
}

const TERMINAL_EVENT: Record<ExecutionStatus, string> = {
  RUNNING: 'ExecutionStarted',
  SUCCEEDED: 'ExecutionSucceeded',
  FAILED: 'ExecutionFailed',
  TIMED_OUT: 'ExecutionTimedOut',
  ABORTED: 'ExecutionAborted',
  PENDING_REDRIVE: 'ExecutionRedriven',
};

function withoutUndefined(fields: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined)
  );
}
