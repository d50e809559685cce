import {
  buildPutEventsEntry,
  type PutEventsEntry,
  SCHEMA_VERSION,
  VIGIL_WORKFLOW_COMPLETED,
  VIGIL_WORKFLOW_FAILED,
} from '@vigil/event-schema';
import { WORKFLOW_ERRORS } from './asl-names';
import { type CallbackEvent, CallbackEventSchema, summariseEvent } from './callback-event';
import type { ChoreographyCatalog } from './choreography-catalog';
import type { ChoreographyModel } from './choreography-model';
import { type ExecutionInput, ExecutionInputSchema } from './execution-input';
import type { ExecutionStatusChangeEvent } from './execution-status-change';
import { acceptingTransition } from './route-event';
import type { TokenRecord, TokenStore, WorkflowMetrics } from './token-store';

/** Publishes Vigil's own events. */
export interface StatusPublisher {
  publish(entry: PutEventsEntry): Promise<void>;
}

export type RecordStatusDeps = {
  catalog: ChoreographyCatalog;
  /** The choreography a state machine ARN belongs to (undefined: not one of ours). */
  choreographyOf(stateMachineArn: string): string | undefined;
  store: Pick<TokenStore, 'getToken'>;
  publisher: StatusPublisher;
  metrics: WorkflowMetrics;
  eventBusName: string;
};

/** What `recordStatus` did. */
export type RecordedStatus = {
  choreography: string;
  status: string;
  published?: PutEventsEntry['DetailType'] | undefined;
};

function parseJson(text: string | null | undefined): unknown {
  if (text === null || text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The last event the workflow received: the claimed event of its token, else the one in its input/output. */
function lastEventOf(
  token: TokenRecord | undefined,
  output: unknown,
  input: ExecutionInput | undefined
): CallbackEvent | undefined {
  const fromOutput = CallbackEventSchema.safeParse(
    (output as { lastEvent?: unknown } | undefined)?.lastEvent
  );
  if (fromOutput.success) return fromOutput.data;
  return token?.claimedEvent ?? input?.lastEvent;
}

/** The state a failed execution ended in: the failure state whose error it reports, else the waiting state. */
function failedState(
  model: ChoreographyModel,
  error: string | null | undefined,
  token: TokenRecord | undefined
): string {
  const terminal = model.terminalStates.find(
    (state) => state.outcome === 'failure' && (state.error ?? `${model.name}.${state.name}`) === error
  );
  return terminal?.name ?? token?.state ?? model.start.next;
}

/**
 * Turns Step Functions status changes of the choreography state machines into Vigil's status events and
 * metrics: RUNNING counts a start; SUCCEEDED emits `Vigil Workflow Completed` (with the final state and
 * duration); FAILED, TIMED_OUT and ABORTED emit `Vigil Workflow Failed` with the error, the state and the
 * last event — except a stuck workflow, whose `Vigil Workflow Stuck` the state machine already sent
 * (counted as stuck, not failed). Status changes of other state machines are ignored.
 *
 * @example
 * await recordStatus(statusChange, deps); // { choreography: 'order', status: 'SUCCEEDED', published: 'Vigil Workflow Completed' }
 */
export async function recordStatus(
  event: ExecutionStatusChangeEvent,
  deps: RecordStatusDeps
): Promise<RecordedStatus | undefined> {
  const { detail } = event;
  const name = deps.choreographyOf(detail.stateMachineArn);
  const model = name === undefined ? undefined : deps.catalog.byName(name);
  if (model === undefined) return undefined;
  const parsedInput = ExecutionInputSchema.safeParse(parseJson(detail.input));
  const input = parsedInput.success ? parsedInput.data : undefined;
  if (detail.status === 'RUNNING' || detail.status === 'PENDING_REDRIVE') {
    return { choreography: model.name, status: detail.status };
  }
  const token = await deps.store.getToken(input?.tokenKey ?? `${model.name}#${detail.name}`);
  const lastEvent = lastEventOf(token, parseJson(detail.output), input);
  const common = {
    schemaVersion: SCHEMA_VERSION,
    choreography: model.name,
    correlationId: input?.correlationId ?? detail.name,
    executionArn: detail.executionArn,
    lastEvent:
      lastEvent === undefined
        ? {
            id: 'unknown',
            source: 'unknown',
            detailType: 'unknown',
            time: new Date(detail.startDate).toISOString(),
          }
        : summariseEvent(lastEvent),
  };
  if (detail.status === 'SUCCEEDED') {
    const finalState =
      token !== undefined && lastEvent !== undefined
        ? acceptingTransition(model, token.state, lastEvent)?.next
        : undefined;
    const durationMs = detail.stopDate === null ? undefined : Math.max(0, detail.stopDate - detail.startDate);
    const entry = buildPutEventsEntry(
      VIGIL_WORKFLOW_COMPLETED,
      {
        ...common,
        status: 'COMPLETED',
        state: finalState ?? token?.state ?? model.start.next,
        ...(durationMs === undefined ? {} : { durationMs }),
      },
      deps.eventBusName
    );
    await deps.publisher.publish(entry);
    deps.metrics.count('WorkflowsCompleted', model.name);
    return { choreography: model.name, status: detail.status, published: entry.DetailType };
  }
  if (detail.error === WORKFLOW_ERRORS.stuck) {
    deps.metrics.count('WorkflowsStuck', model.name);
    return { choreography: model.name, status: detail.status };
  }
  const entry = buildPutEventsEntry(
    VIGIL_WORKFLOW_FAILED,
    {
      ...common,
      status: 'FAILED',
      state: failedState(model, detail.error, token),
      error: detail.error ?? (detail.status === 'TIMED_OUT' ? 'States.Timeout' : detail.status),
      ...(detail.cause ? { cause: detail.cause.slice(0, 2048) } : {}),
    },
    deps.eventBusName
  );
  await deps.publisher.publish(entry);
  deps.metrics.count('WorkflowsFailed', model.name);
  return { choreography: model.name, status: detail.status, published: entry.DetailType };
}
