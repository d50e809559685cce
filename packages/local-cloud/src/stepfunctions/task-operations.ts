import type { FacadeState } from './facade-state';
import {
  parseRequest,
  SendTaskFailureSchema,
  SendTaskHeartbeatSchema,
  SendTaskSuccessSchema,
} from './request-schemas';

/** SendTaskSuccess: resumes the task waiting on the token with `output` (must be JSON). */
export function sendTaskSuccess(state: FacadeState, body: unknown) {
  const request = parseRequest(SendTaskSuccessSchema, body);
  state.runDeps.tokens.succeed(request.taskToken, request.output);
  return {};
}

/** SendTaskFailure: fails the task waiting on the token with `error`/`cause` (Retry/Catch apply). */
export function sendTaskFailure(state: FacadeState, body: unknown) {
  const request = parseRequest(SendTaskFailureSchema, body);
  state.runDeps.tokens.fail(request.taskToken, request.error, request.cause);
  return {};
}

/** SendTaskHeartbeat: restarts the task's HeartbeatSeconds clock. */
export function sendTaskHeartbeat(state: FacadeState, body: unknown) {
  const request = parseRequest(SendTaskHeartbeatSchema, body);
  state.runDeps.tokens.heartbeat(request.taskToken);
  return {};
}
