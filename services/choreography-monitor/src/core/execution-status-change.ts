import { eventBridgeEnvelope } from '@vigil/event-schema';
import { z } from 'zod';

/** Statuses Step Functions reports for an execution. */
export const ExecutionStatusSchema = z.enum([
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'ABORTED',
  'PENDING_REDRIVE',
]);

/** The detail of `Step Functions Execution Status Change` (AWS leaves input/output null when too large). */
export const ExecutionStatusChangeDetailSchema = z.looseObject({
  executionArn: z.string().startsWith('arn:'),
  stateMachineArn: z.string().startsWith('arn:'),
  name: z.string().min(1),
  status: ExecutionStatusSchema,
  startDate: z.number(),
  stopDate: z.number().nullable(),
  input: z.string().nullable().optional(),
  output: z.string().nullable().optional(),
  error: z.string().nullable().optional(),
  cause: z.string().nullable().optional(),
});

/** The event Step Functions sends to the default bus when an execution starts or stops. */
export const ExecutionStatusChangeEventSchema = eventBridgeEnvelope(ExecutionStatusChangeDetailSchema).extend(
  {
    source: z.literal('aws.states'),
    'detail-type': z.literal('Step Functions Execution Status Change'),
  }
);
export type ExecutionStatusChangeEvent = z.infer<typeof ExecutionStatusChangeEventSchema>;
