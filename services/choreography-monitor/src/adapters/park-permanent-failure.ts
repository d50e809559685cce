import { formatValidationError, type WorkflowEvent, WorkflowEventSchema } from '@vigil/event-schema';
import type { WorkflowLogger, WorkflowMetrics } from '../core/token-store';
import { ChoreographyError, InvalidWorkflowEventError } from '../errors';
import type { DeadLetters } from './sqs-dead-letters';

/** Parses an SQS body as a workflow event, or throws a permanent {@link InvalidWorkflowEventError} with the reason. */
export function parseWorkflowEvent(body: unknown): WorkflowEvent {
  const parsed = WorkflowEventSchema.safeParse(body, { reportInput: true });
  if (parsed.success) return parsed.data;
  throw new InvalidWorkflowEventError(
    `not an EventBridge event with an object detail: ${formatValidationError(parsed.error, body)}`
  );
}

/**
 * Runs `work` for one SQS record. A permanent failure (bad event, no correlation id, nothing to advance)
 * is parked in the DLQ with its reason and counted as `InvalidEvents`, and the record succeeds: retrying it
 * cannot help. Anything else is rethrown, so the record fails alone and SQS redelivers it.
 */
export async function parkPermanentFailure(
  body: string,
  handler: string,
  deps: { deadLetters: DeadLetters; metrics: WorkflowMetrics; logger: WorkflowLogger },
  work: () => Promise<unknown>
): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof ChoreographyError) || error.isRetryable) throw error;
    await deps.deadLetters.park(body, { code: error.code, message: error.message, handler });
    deps.metrics.count('InvalidEvents', 'none');
    deps.logger.warn('event parked in the DLQ', { handler, code: error.code, reason: error.message });
  }
}
