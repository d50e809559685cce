import { z } from 'zod';

/** A state name: also an ASL state name (generated names add up to 20 characters; ASL allows 80), a Mermaid id, a metric dimension. */
export const StateNameSchema = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_]{0,49}$/,
    'expected a name of letters, digits and _ (starting with a letter, up to 50)'
  );

/** A choreography name: part of the state machine name `vigil-<stage>-choreography-<name>` (80 characters max). */
export const ChoreographyNameSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{0,29}$/,
    'expected lowercase letters, digits and - (starting with a letter, up to 30)'
  );

/** An EventBridge detail-type. */
export const DetailTypeSchema = z.string().min(1).max(128);

/** A wait may last at most a year: the longest a Standard execution runs. */
export const TimeoutSecondsSchema = z.number().int().min(1).max(31_536_000);

/** One event a waiting state accepts, and where it leads. */
export const TransitionSchema = z.strictObject({
  /** The event's detail-type. */
  event: DetailTypeSchema,
  /** Optional conditions on `detail`, written as an EventBridge pattern (e.g. `{ status: [approved] }`). */
  detail: z.record(z.string(), z.unknown()).optional(),
  next: StateNameSchema,
});
export type Transition = z.infer<typeof TransitionSchema>;

/**
 * A state: either a waiting state (`on`, with an SLA) or a terminal one (`outcome`). One shape with
 * optional fields rather than a union, so a mistake is reported on the field, not as "no branch matched".
 */
export const StateSchema = z
  .strictObject({
    description: z.string().optional(),
    /** How long the state may wait for its next event before the workflow is reported stuck. */
    timeoutSeconds: TimeoutSecondsSchema.optional(),
    on: z.array(TransitionSchema).min(1).optional(),
    outcome: z.enum(['success', 'failure']).optional(),
    /** Error name of a failure outcome, e.g. `Order.PaymentFailed`. */
    error: z.string().min(1).max(256).optional(),
    cause: z.string().min(1).max(1024).optional(),
  })
  .superRefine((state, ctx) => {
    if ((state.on === undefined) === (state.outcome === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'expected either "on" (a waiting state) or "outcome" (a terminal state)',
      });
    }
    if (state.outcome !== undefined && state.timeoutSeconds !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['timeoutSeconds'],
        message: 'a terminal state does not wait: remove timeoutSeconds',
      });
    }
    if (state.outcome !== 'failure' && (state.error !== undefined || state.cause !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [state.error === undefined ? 'cause' : 'error'],
        message: 'only a failure outcome has an error and a cause',
      });
    }
  });
export type State = z.infer<typeof StateSchema>;

/** The declaration in `choreographies/<name>.yml`, before cross-references are checked. */
export const ChoreographySchema = z.strictObject({
  name: ChoreographyNameSchema,
  description: z.string().optional(),
  /** The bus the services publish on; omitted → the stage's Vigil bus `vigil-<stage>`. */
  eventBus: z
    .string()
    .regex(/^[A-Za-z0-9._\-/]{1,256}$/, 'expected an event bus name')
    .optional(),
  /** Only events from these sources take part (EventBridge `source` filter); omitted → any source. */
  sources: z.array(z.string().min(1).max(256)).min(1).optional(),
  /** Where the correlation id is, e.g. `detail.order_id`. */
  correlationIdPath: z
    .string()
    .regex(/^(\$\.)?detail(\.[A-Za-z0-9_-]+)+$/, 'expected a path into detail, e.g. detail.order_id'),
  /** SLA of waiting states that do not set their own `timeoutSeconds`. */
  defaultTimeoutSeconds: TimeoutSecondsSchema.optional(),
  /** How long token, inbox and duplicate records are kept after a workflow starts (DynamoDB TTL). */
  retentionDays: z.number().int().min(1).max(400).default(30),
  start: z.strictObject({
    event: DetailTypeSchema,
    detail: z.record(z.string(), z.unknown()).optional(),
    next: StateNameSchema,
  }),
  states: z
    .record(StateNameSchema, StateSchema)
    .refine((states) => Object.keys(states).length > 0, 'expected at least one state'),
});
export type ChoreographyInput = z.input<typeof ChoreographySchema>;
export type Choreography = z.infer<typeof ChoreographySchema>;

/** A waiting state, with its resolved SLA. */
export type WaitState = {
  name: string;
  timeoutSeconds: number;
  on: Transition[];
  description?: string | undefined;
};
/** A terminal state. */
export type TerminalState = {
  name: string;
  outcome: 'success' | 'failure';
  error?: string | undefined;
  cause?: string | undefined;
  description?: string | undefined;
};
