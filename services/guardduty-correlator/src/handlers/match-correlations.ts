// DynamoDB stream of the findings table (finding items only: the event source's filter) → here. One query
// per resource key in the batch, then the rules, conditional correlation records, Security Hub, bus and topic.
import { type DynamoDbStreamEvent, DynamoDbStreamEventSchema } from '@vigil/event-schema';
import { isRetryable, lambda, logger } from '@vigil/lambda-kit';
import type { DynamoDBBatchResponse } from 'aws-lambda';
import { awsClients } from '../adapters/aws-clients';
import { createRuntime, type Runtime } from '../adapters/create-runtime';
import { config } from '../config';
import { matchCorrelations } from '../core/match-correlations';

type MatchRuntime = Pick<
  Runtime,
  'store' | 'securityHub' | 'publisher' | 'accounts' | 'ruleSet' | 'product' | 'quarantine' | 'metrics'
>;

/**
 * The stream handler over its runtime. Retryable failures report the first failed record (the stream
 * retries from there; what succeeded is idempotent); permanent ones are quarantined with the reason and the
 * batch moves on, so one bad resource never blocks its shard.
 */
export function createMatchCorrelationsHandler(runtime: MatchRuntime, now: () => number = Date.now) {
  return async (event: DynamoDbStreamEvent): Promise<DynamoDBBatchResponse> => {
    const sequenceByKey = new Map<string, string[]>();
    for (const record of event.Records) {
      const image = record.dynamodb.NewImage as Record<string, unknown> | undefined;
      const pk = (record.dynamodb.Keys as Record<string, unknown> | undefined)?.pk;
      if (record.eventName === 'REMOVE' || image?.kind !== 'finding' || typeof pk !== 'string') continue;
      const sequence = 'SequenceNumber' in record.dynamodb ? record.dynamodb.SequenceNumber : '';
      sequenceByKey.set(pk, [...(sequenceByKey.get(pk) ?? []), sequence]);
    }
    const outcomes = await matchCorrelations([...sequenceByKey.keys()], {
      store: runtime.store,
      sink: runtime.securityHub,
      publisher: runtime.publisher,
      accounts: runtime.accounts,
      ruleSet: runtime.ruleSet,
      product: runtime.product,
      now,
      metrics: runtime.metrics,
    });
    const retry: string[] = [];
    for (const outcome of outcomes) {
      runtime.metrics.count('ResourcesMatched');
      if (outcome.error === undefined) continue;
      const sequences = sequenceByKey.get(outcome.resourceKey) ?? [];
      if (isRetryable(outcome.error)) {
        logger.warn('resource will be retried', { resourceKey: outcome.resourceKey, error: outcome.error });
        retry.push(...sequences);
        continue;
      }
      const reason = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
      const code = (outcome.error as { code?: unknown }).code;
      logger.error('resource quarantined', { resourceKey: outcome.resourceKey, error: outcome.error });
      runtime.metrics.count('MatchFailed');
      await runtime.quarantine.keep({
        body: JSON.stringify({ resourceKey: outcome.resourceKey, sequenceNumbers: sequences }),
        code: typeof code === 'string' ? code : 'MATCH_FAILED',
        reason,
        source: 'match-correlations',
      });
    }
    const first = retry.sort(compareSequence)[0];
    return { batchItemFailures: first === undefined ? [] : [{ itemIdentifier: first }] };
  };
}

/** Stream sequence numbers are decimal strings of varying length. */
function compareSequence(a: string, b: string): number {
  return a.length - b.length || a.localeCompare(b);
}

/** The Lambda handler (middy, stream event parsed) over a runtime built on first use. */
export function createMatchCorrelationsMain(runtime: () => MatchRuntime) {
  let handler: ReturnType<typeof createMatchCorrelationsHandler> | undefined;
  return lambda({ schema: DynamoDbStreamEventSchema }).handler((event) => {
    handler ??= createMatchCorrelationsHandler(runtime());
    return handler(event);
  });
}

export const main = createMatchCorrelationsMain(() => createRuntime(config(), awsClients()));
