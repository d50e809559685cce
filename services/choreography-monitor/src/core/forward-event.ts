import { readCorrelationId, type WorkflowEvent } from '@vigil/event-schema';
import { InvalidWorkflowEventError } from '../errors';
import { type AdvanceOutcome, advanceWorkflow } from './advance-workflow';
import { toCallbackEvent } from './callback-event';
import type { ChoreographyCatalog } from './choreography-catalog';
import type { CallbackDeps } from './send-callback';

export type ForwardEventDeps = CallbackDeps & { catalog: ChoreographyCatalog };

/**
 * Forwards an event to the workflows it advances (one per choreography whose forward rule matches).
 * Every correlation id is checked before anything is written, so an event without one is refused
 * whole ({@link InvalidWorkflowEventError}) and parked, never half-applied.
 *
 * @example
 * await forwardEvent(paymentSucceeded, deps); // [{ choreography: 'order', correlationId: 'o-42', outcome: 'delivered' }]
 */
export async function forwardEvent(
  event: WorkflowEvent,
  deps: ForwardEventDeps
): Promise<{ choreography: string; correlationId: string; outcome: AdvanceOutcome }[]> {
  const models = deps.catalog.advancedBy(event);
  if (models.length === 0) {
    throw new InvalidWorkflowEventError(
      `${event['detail-type']} from ${event.source} advances no choreography`
    );
  }
  const targets = models.map((model) => {
    const correlationId = readCorrelationId(event, model.correlationIdPath);
    if (correlationId === undefined) {
      throw new InvalidWorkflowEventError(
        `${model.name}: ${event['detail-type']} (${event.id}) has no correlation id at ${model.correlationIdPath}`
      );
    }
    return { model, correlationId };
  });
  const callbackEvent = toCallbackEvent(event);
  const results = [];
  for (const { model, correlationId } of targets) {
    const outcome = await advanceWorkflow(model, correlationId, callbackEvent, deps);
    results.push({ choreography: model.name, correlationId, outcome });
  }
  return results;
}
