import { lambda } from '@vigil/lambda-kit';
import { createRuntime } from '../adapters/create-runtime';
import { parseConfig } from '../config';
import { ExecutionStatusChangeEventSchema } from '../core/execution-status-change';
import { recordStatus } from '../core/record-status';

const runtime = createRuntime(parseConfig(process.env));

/** Step Functions status changes of the choreography state machines → Vigil Workflow Completed/Failed + metrics. */
export const main = lambda({ schema: ExecutionStatusChangeEventSchema }).handler((event) =>
  recordStatus(event, { ...runtime, eventBusName: runtime.config.EVENT_BUS_NAME })
);
