import { readCorrelationId, type WorkflowEvent } from '@vigil/event-schema';
import { InvalidWorkflowEventError } from '../errors';
import { toCallbackEvent } from './callback-event';
import type { ChoreographyCatalog } from './choreography-catalog';
import { type ChoreographyModel, tokenKey } from './choreography-model';
import type { ExecutionInput } from './execution-input';
import { executionName } from './execution-name';
import type { WorkflowMetrics } from './token-store';

/** Step Functions' StartExecution, as the starter uses it. */
export interface WorkflowExecutions {
  /** `exists` when an execution with that name exists already (ExecutionAlreadyExists). */
  start(
    choreography: string,
    name: string,
    input: string
  ): Promise<{ status: 'started' | 'exists'; executionArn: string }>;
}

export type StartWorkflowDeps = {
  catalog: ChoreographyCatalog;
  executions: WorkflowExecutions;
  metrics: WorkflowMetrics;
};

/** One execution the starter started (or found). */
export type StartedWorkflow = {
  choreography: string;
  correlationId: string;
  name: string;
  status: 'started' | 'exists';
  executionArn: string;
};

/**
 * The execution input for a start event. Deterministic (the TTL counts from the event's time, not from
 * now), so a redelivered start event asks for exactly the same execution — which Step Functions then
 * treats as the same request.
 */
export function buildExecutionInput(
  model: ChoreographyModel,
  correlationId: string,
  event: WorkflowEvent
): ExecutionInput {
  const startedAt = Math.floor(Date.parse(event.time) / 1000);
  return {
    choreography: model.name,
    correlationId,
    tokenKey: tokenKey(model.name, correlationId),
    tokenTtl: String(startedAt + model.retentionDays * 86_400),
    lastEvent: toCallbackEvent(event),
  };
}

/**
 * Starts one execution per choreography the event starts, named after its correlation id (sanitised to
 * Step Functions' rules). A second start of the same workflow is a no-op (`exists`). An event that starts
 * nothing or carries no correlation id is a {@link InvalidWorkflowEventError} (the handler parks it).
 *
 * @example
 * await startWorkflow(orderPlaced, deps); // [{ choreography: 'order', correlationId: 'o-42', status: 'started', … }]
 */
export async function startWorkflow(
  event: WorkflowEvent,
  deps: StartWorkflowDeps
): Promise<StartedWorkflow[]> {
  const models = deps.catalog.startedBy(event);
  if (models.length === 0) {
    throw new InvalidWorkflowEventError(
      `${event['detail-type']} from ${event.source} starts no choreography`
    );
  }
  const starts = models.map((model) => {
    const correlationId = readCorrelationId(event, model.correlationIdPath);
    if (correlationId === undefined) {
      throw new InvalidWorkflowEventError(
        `${model.name}: ${event['detail-type']} (${event.id}) has no correlation id at ${model.correlationIdPath}`
      );
    }
    return { model, correlationId };
  });
  const started: StartedWorkflow[] = [];
  for (const { model, correlationId } of starts) {
    const name = executionName(correlationId);
    const input = JSON.stringify(buildExecutionInput(model, correlationId, event));
    const result = await deps.executions.start(model.name, name, input);
    deps.metrics.count(result.status === 'started' ? 'ExecutionsStarted' : 'DuplicateStarts', model.name);
    started.push({ choreography: model.name, correlationId, name, ...result });
  }
  return started;
}
