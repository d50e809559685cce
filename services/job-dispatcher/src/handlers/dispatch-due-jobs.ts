import { lambda, logger } from '@vigil/lambda-kit';
import type { Context } from 'aws-lambda';
import { dynamodb, eventBridge, sqs } from '../adapters/aws-clients';
import { dispatchDeps, dispatchSettings } from '../adapters/create-dispatch-runtime';
import { recordTickMetrics } from '../adapters/powertools-dispatch-metrics';
import { parseConfig } from '../config';
import { dispatchDueJobs, type TickSummary } from '../core/dispatch-due-jobs';

const config = parseConfig(process.env);
const settings = dispatchSettings(config);

/**
 * The `rate(1 minute)` tick. The scheduled event carries nothing the tick needs: it sweeps by the clock.
 * The request id names the tick lease holder.
 */
export async function dispatchTick(_event: unknown, context: Context): Promise<TickSummary> {
  const deps = dispatchDeps(
    config,
    { dynamodb, eventBridge, sqs },
    () => context.getRemainingTimeInMillis(),
    (message, fields) => logger.warn(message, fields ?? {})
  );
  const summary = await dispatchDueJobs(context.awsRequestId, settings, deps);
  recordTickMetrics(summary);
  const { lag, ...counts } = summary;
  if (summary.status === 'paused') logger.warn('dispatch paused', { ...counts, lag });
  else logger.info('tick done', { ...counts, lag });
  return summary;
}

export const main = lambda().handler(dispatchTick);
