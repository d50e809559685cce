// EventBridge (`Security Hub Findings - Imported`, `GuardDuty Finding`, `Vigil Alert`) → SQS → here.
// Why a queue rather than a direct async invoke: Security Hub imports arrive in bursts (an Inspector scan or a
// standard's re-evaluation emits thousands of events), and the queue absorbs them at a bounded concurrency
// (maximumConcurrency on the event source) so neither DynamoDB nor the matcher behind the stream is flooded;
// it batches events into one invocation; and retries with per-record partial failures keep one bad event
// from replaying the others. Permanent failures are kept in the DLQ with their reason (message attributes).
import { type SqsEvent, SqsEventSchema } from '@vigil/event-schema';
import { lambda, logger, processSqsRecords, recordInvalidInput } from '@vigil/lambda-kit';
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { awsClients } from '../adapters/aws-clients';
import { createRuntime, type Runtime } from '../adapters/create-runtime';
import { config } from '../config';
import { ingestMessage, type QuarantineReason } from '../core/ingest-message';

/** The SQS handler over its runtime (tests pass one built on local-cloud or fakes). */
export function createIngestFindingsHandler(
  runtime: Pick<Runtime, 'store' | 'ruleSet' | 'quarantine' | 'metrics'>
) {
  return (event: SqsEvent, context: Context) =>
    processSqsRecords({
      event,
      context,
      // Bodies are parsed below against the event type they claim, so a failure can be quarantined with its reason.
      schema: z.unknown(),
      handleRecord: async (body, record) => {
        const result = await ingestMessage(body, { store: runtime.store, ruleSet: runtime.ruleSet });
        let quarantine: QuarantineReason | undefined;
        if (result.kind === 'invalid') {
          const error = recordInvalidInput(result.error, body, { messageId: record.messageId });
          quarantine = { code: error.code, reason: error.message };
        } else {
          quarantine = result.quarantine;
          const { outcome } = result;
          runtime.metrics.count('FindingsReceived', outcome.findings);
          runtime.metrics.count('FindingsStored', outcome.stored);
          runtime.metrics.count('FindingsStale', outcome.stale);
          if (outcome.rejected.length > 0) runtime.metrics.count('FindingsRejected', outcome.rejected.length);
          logger.debug('ingested', { messageId: record.messageId, ...outcome });
        }
        if (quarantine !== undefined) {
          logger.warn('event quarantined', { messageId: record.messageId, ...quarantine });
          await runtime.quarantine.keep({
            body: record.body,
            ...quarantine,
            source: 'ingest-findings',
            sourceMessageId: record.messageId,
          });
        }
      },
    });
}

/** The Lambda handler (middy, SQS envelope parsed) over a runtime built on first use. */
export function createIngestFindingsMain(runtime: () => Parameters<typeof createIngestFindingsHandler>[0]) {
  let handler: ReturnType<typeof createIngestFindingsHandler> | undefined;
  return lambda({ schema: SqsEventSchema }).handler((event, context) => {
    handler ??= createIngestFindingsHandler(runtime());
    return handler(event, context);
  });
}

export const main = createIngestFindingsMain(() => createRuntime(config(), awsClients()));
