import { aslNames } from './asl-names';
import { CallbackEventSchema } from './callback-event';
import type { ChoreographyModel } from './choreography-model';

/** The history events the path needs (the SDK's `HistoryEvent` fits). */
export type HistoryEntry = {
  timestamp?: Date | undefined;
  type?: string | undefined;
  stateEnteredEventDetails?: { name?: string | undefined; input?: string | undefined } | undefined;
  stateExitedEventDetails?: { name?: string | undefined; output?: string | undefined } | undefined;
  executionFailedEventDetails?: { error?: string | undefined; cause?: string | undefined } | undefined;
};

/** One declared state the execution went through. */
export type PathStep = {
  state: string;
  enteredAt: Date;
  leftAt?: Date | undefined;
  /** The event that moved the workflow on (detail-type), for a waiting state. */
  event?: string | undefined;
  /** `waiting` (still there), `moved`, `stuck`, `unexpected`, `success`, `failure`. */
  outcome: 'waiting' | 'moved' | 'stuck' | 'unexpected' | 'success' | 'failure';
};

export type ExecutionPath = {
  choreography: string;
  correlationId: string;
  status: string;
  startEvent?: string | undefined;
  startedAt?: Date | undefined;
  stoppedAt?: Date | undefined;
  error?: string | undefined;
  cause?: string | undefined;
  steps: PathStep[];
};

function lastEventType(json: string | undefined): string | undefined {
  if (json === undefined) return undefined;
  try {
    const parsed = CallbackEventSchema.safeParse((JSON.parse(json) as { lastEvent?: unknown }).lastEvent);
    return parsed.success ? parsed.data.detailType : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads an execution's history as the path through the choreography's declared states: when each was
 * entered and left, the event that moved it on, and how it ended (stuck, unexpected event, outcome).
 * The states the compiler generated around them are folded into their waiting state.
 *
 * @example
 * const path = buildExecutionPath(order, 'o-42', 'SUCCEEDED', history);
 * path.steps.map((step) => step.state); // ['AwaitingPayment', …, 'Delivered']
 */
export function buildExecutionPath(
  model: ChoreographyModel,
  correlationId: string,
  status: string,
  history: readonly HistoryEntry[]
): ExecutionPath {
  const path: ExecutionPath = { choreography: model.name, correlationId, status, steps: [] };
  const waiting = new Set(model.waitStates.map((state) => state.name));
  const terminal = new Map(model.terminalStates.map((state) => [state.name, state.outcome]));
  const current = () => path.steps.at(-1);
  for (const entry of history) {
    const at = entry.timestamp ?? new Date(0);
    const entered = entry.stateEnteredEventDetails?.name;
    const exited = entry.stateExitedEventDetails?.name;
    if (entry.type === 'ExecutionStarted') path.startedAt = at;
    if (
      entry.type === 'ExecutionSucceeded' ||
      entry.type === 'ExecutionFailed' ||
      entry.type === 'ExecutionTimedOut' ||
      entry.type === 'ExecutionAborted'
    ) {
      path.stoppedAt = at;
      path.error = entry.executionFailedEventDetails?.error;
      path.cause = entry.executionFailedEventDetails?.cause;
    }
    if (entered !== undefined && path.startEvent === undefined && path.steps.length === 0) {
      path.startEvent = lastEventType(entry.stateEnteredEventDetails?.input);
    }
    if (entered !== undefined && waiting.has(entered))
      path.steps.push({ state: entered, enteredAt: at, outcome: 'waiting' });
    const outcome = entered === undefined ? undefined : terminal.get(entered);
    if (entered !== undefined && outcome !== undefined)
      path.steps.push({ state: entered, enteredAt: at, leftAt: at, outcome });
    const step = current();
    if (step === undefined) continue;
    if (entered === aslNames.unexpected(step.state)) step.outcome = 'unexpected';
    // A timed-out task may be reported as exited too (with its input): the stuck report decides.
    if (entered === aslNames.reportStuck(step.state)) {
      step.leftAt ??= at;
      step.event = undefined;
      step.outcome = 'stuck';
    }
    if (step.outcome === 'waiting' && exited === step.state) {
      step.leftAt = at;
      step.event = lastEventType(entry.stateExitedEventDetails?.output);
      step.outcome = 'moved';
    }
  }
  return path;
}
