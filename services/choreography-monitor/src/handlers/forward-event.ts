import { SqsEventSchema } from '@vigil/event-schema';
import { lambda, processSqsRecords } from '@vigil/lambda-kit';
import { z } from 'zod';
import { createRuntime } from '../adapters/create-runtime';
import { parkPermanentFailure, parseWorkflowEvent } from '../adapters/park-permanent-failure';
import { parseConfig } from '../config';
import { forwardEvent } from '../core/forward-event';

const runtime = createRuntime(parseConfig(process.env));

/** Workflow events (forward rules → SQS) → the waiting state's token → SendTaskSuccess, or the inbox. */
export const main = lambda({ schema: SqsEventSchema }).handler((event, context) =>
  processSqsRecords({
    event,
    context,
    schema: z.unknown(),
    handleRecord: (body, record) =>
      parkPermanentFailure(record.body, 'forward-event', runtime, () =>
        forwardEvent(parseWorkflowEvent(body), runtime)
      ),
  })
);
