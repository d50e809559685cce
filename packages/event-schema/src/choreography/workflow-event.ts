import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import * as z from 'zod';

/**
 * Any event taking part in a choreography: an EventBridge event with an object detail. Where the
 * correlation id lives is declared per choreography; see {@link workflowEventSchema}.
 */
export const WorkflowEventSchema = EventBridgeSchema.extend({
  detail: z.record(z.string(), z.unknown()),
});
export type WorkflowEvent = z.infer<typeof WorkflowEventSchema>;

function pathKeys(path: string): string[] {
  return path
    .replace(/^\$\.?/, '')
    .split('.')
    .filter(Boolean);
}

function valueAt(value: unknown, keys: readonly string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * Reads the correlation id at `path` (`detail.order_id` or `$.detail.order_id`) of an event; numbers
 * are turned into strings. Undefined when absent, empty or not a string/number.
 *
 * @example
 * ```ts
 * readCorrelationId(event, '$.detail.order_id'); // 'o-123'
 * ```
 */
export function readCorrelationId(event: unknown, path: string): string | undefined {
  const current = valueAt(event, pathKeys(path));
  if (typeof current === 'number' && Number.isFinite(current)) return String(current);
  return typeof current === 'string' && current.length > 0 ? current : undefined;
}

/**
 * A workflow event whose correlation id must be present at `correlationIdPath`.
 *
 * @example
 * ```ts
 * const OrderEventSchema = workflowEventSchema('$.detail.order_id');
 * ```
 */
export function workflowEventSchema(correlationIdPath: string) {
  if (pathKeys(correlationIdPath).length === 0)
    throw new Error(`empty correlation id path: ${correlationIdPath}`);
  return WorkflowEventSchema.superRefine((event, ctx) => {
    if (readCorrelationId(event, correlationIdPath) === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: pathKeys(correlationIdPath),
        input: valueAt(event, pathKeys(correlationIdPath)),
        message: 'expected a correlation id (non-empty string or number)',
      });
    }
  });
}
