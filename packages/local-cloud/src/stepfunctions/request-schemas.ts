import { z } from 'zod';
import { SfnApiError } from './errors';

const Arn = z.string().min(1).max(2048);
const Paging = { maxResults: z.number().int().min(0).max(1000).optional(), nextToken: z.string().optional() };

export const CreateStateMachineSchema = z.object({
  name: z.string(),
  definition: z.string().min(1),
  roleArn: Arn,
  type: z.enum(['STANDARD', 'EXPRESS']).optional(),
});
export const StateMachineArnSchema = z.object({ stateMachineArn: Arn });
export const ListStateMachinesSchema = z.object(Paging);
export const StartExecutionSchema = z.object({
  stateMachineArn: Arn,
  name: z.string().optional(),
  input: z.string().optional(),
  traceHeader: z.string().optional(),
});
export const ExecutionArnSchema = z.object({ executionArn: Arn });
export const ListExecutionsSchema = z.object({
  stateMachineArn: Arn,
  statusFilter: z
    .enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'])
    .optional(),
  ...Paging,
});
export const StopExecutionSchema = z.object({
  executionArn: Arn,
  error: z.string().max(256).optional(),
  cause: z.string().max(32768).optional(),
});
export const GetExecutionHistorySchema = z.object({
  executionArn: Arn,
  reverseOrder: z.boolean().optional(),
  includeExecutionData: z.boolean().optional(),
  ...Paging,
});
const TaskToken = z.string().min(1).max(2048);
export const SendTaskSuccessSchema = z.object({ taskToken: TaskToken, output: z.string().max(262144) });
export const SendTaskFailureSchema = z.object({
  taskToken: TaskToken,
  error: z.string().max(256).optional(),
  cause: z.string().max(32768).optional(),
});
export const SendTaskHeartbeatSchema = z.object({ taskToken: TaskToken });

/**
 * Parses a request body with its schema, answering `ValidationException` (as the service does for
 * constraint violations) with the offending field named.
 *
 * @example
 * parseRequest(ExecutionArnSchema, { executionArn: 'arn:…' });
 */
export function parseRequest<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.join('.') || 'request';
  throw new SfnApiError(
    'ValidationException',
    `1 validation error detected: Value at '${where}' failed to satisfy constraint: ${issue?.message ?? 'invalid'}`
  );
}
