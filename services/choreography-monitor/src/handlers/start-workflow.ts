import { SqsEventSchema } from '@vigil/event-schema';
import { lambda, processSqsRecords } from '@vigil/lambda-kit';
import { z } from 'zod';
import { createRuntime } from '../adapters/create-runtime';
import { parkPermanentFailure, parseWorkflowEvent } from '../adapters/park-permanent-failure';
import { parseConfig } from '../config';
import { startWorkflow } from '../core/start-workflow';

const runtime = createRuntime(parseConfig(process.env));

/** Start events (start rules → SQS): one execution per workflow, named after its correlation id. */
export const main = lambda({ schema: SqsEventSchema }).handler((event, context) =>
  processSqsRecords({
    event,
    context,
    schema: z.unknown(),
    handleRecord: (body, record) =>
      parkPermanentFailure(record.body, 'start-workflow', runtime, () =>
        startWorkflow(parseWorkflowEvent(body), runtime)
      ),
  })
);
