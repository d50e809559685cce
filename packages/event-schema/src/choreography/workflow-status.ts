import * as z from 'zod';
import { defineEventContract } from '../common/event-contract';
import { IsoDateTimeSchema, NonEmptyStringSchema, SchemaVersionSchema } from '../common/primitives';
import { eventBridgeEnvelope } from '../triggers/eventbridge-envelope';

/** The last event the workflow received before this status. */
export const WorkflowLastEventSchema = z.object({
  id: NonEmptyStringSchema,
  source: NonEmptyStringSchema,
  detailType: NonEmptyStringSchema,
  time: IsoDateTimeSchema,
});
export type WorkflowLastEvent = z.infer<typeof WorkflowLastEventSchema>;

const statusFields = {
  schemaVersion: SchemaVersionSchema,
  /** The choreography's declared name, e.g. `order`. */
  choreography: NonEmptyStringSchema,
  correlationId: NonEmptyStringSchema,
  /** The state the execution was in (stuck, failed) or ended in (completed). */
  state: NonEmptyStringSchema,
  lastEvent: WorkflowLastEventSchema,
  executionArn: z.string().startsWith('arn:'),
};

/** `Vigil Workflow Stuck`: a state waited longer than its SLA. */
export const WorkflowStuckSchema = z.object({
  ...statusFields,
  status: z.literal('STUCK'),
  timeoutSeconds: z.number().int().positive().optional(),
});
/** `Vigil Workflow Failed`: an unexpected event or an explicit failure state. */
export const WorkflowFailedSchema = z.object({
  ...statusFields,
  status: z.literal('FAILED'),
  error: z.string().optional(),
  cause: z.string().optional(),
});
/** `Vigil Workflow Completed`: the execution reached a success state. */
export const WorkflowCompletedSchema = z.object({
  ...statusFields,
  status: z.literal('COMPLETED'),
  durationMs: z.number().int().nonnegative().optional(),
});
export type WorkflowStuck = z.infer<typeof WorkflowStuckSchema>;
export type WorkflowFailed = z.infer<typeof WorkflowFailedSchema>;
export type WorkflowCompleted = z.infer<typeof WorkflowCompletedSchema>;

/** Any workflow status detail, told apart by `status`. */
export const WorkflowStatusSchema = z.discriminatedUnion('status', [
  WorkflowStuckSchema,
  WorkflowFailedSchema,
  WorkflowCompletedSchema,
]);
export type WorkflowStatus = z.infer<typeof WorkflowStatusSchema>;

/** Contracts of the choreography monitor's three status events. */
export const VIGIL_WORKFLOW_STUCK = defineEventContract(
  'vigil.choreography',
  'Vigil Workflow Stuck',
  WorkflowStuckSchema
);
export const VIGIL_WORKFLOW_FAILED = defineEventContract(
  'vigil.choreography',
  'Vigil Workflow Failed',
  WorkflowFailedSchema
);
export const VIGIL_WORKFLOW_COMPLETED = defineEventContract(
  'vigil.choreography',
  'Vigil Workflow Completed',
  WorkflowCompletedSchema
);

const DETAIL_TYPE_BY_STATUS = {
  STUCK: VIGIL_WORKFLOW_STUCK.detailType,
  FAILED: VIGIL_WORKFLOW_FAILED.detailType,
  COMPLETED: VIGIL_WORKFLOW_COMPLETED.detailType,
} as const;

/**
 * Any of the three status events on the bus; the detail-type must agree with `detail.status`.
 *
 * @example
 * ```ts
 * const event = parseWith(WorkflowStatusEventSchema, raw, 'workflow status event');
 * if (event.detail.status === 'STUCK') page(event.detail.correlationId);
 * ```
 */
export const WorkflowStatusEventSchema = eventBridgeEnvelope(WorkflowStatusSchema)
  .extend({
    source: z.literal('vigil.choreography'),
    'detail-type': z.enum([
      VIGIL_WORKFLOW_STUCK.detailType,
      VIGIL_WORKFLOW_FAILED.detailType,
      VIGIL_WORKFLOW_COMPLETED.detailType,
    ]),
  })
  .refine((event) => DETAIL_TYPE_BY_STATUS[event.detail.status] === event['detail-type'], {
    message: 'expected detail.status to match detail-type',
    path: ['detail', 'status'],
  });
export type WorkflowStatusEvent = z.infer<typeof WorkflowStatusEventSchema>;
