// EventBridge `AWS API Call via CloudTrail` for delete/terminate calls → here (asynchronous invoke with
// retries and an on-failure destination: the destination record carries the error type and message, so a
// failed event is kept with its reason; the volume is low, no queue needed).
import { type CloudTrailApiCallEvent, CloudTrailApiCallEventSchema } from '@vigil/event-schema';
import { lambda, logger } from '@vigil/lambda-kit';
import { awsClients } from '../adapters/aws-clients';
import { createRuntime, type Runtime } from '../adapters/create-runtime';
import { config } from '../config';
import { type ResolveOutcome, resolveDeletedResources } from '../core/resolve-deleted-resources';

export function createResolveDeletedResourcesHandler(
  runtime: Pick<Runtime, 'store' | 'securityHub' | 'product' | 'metrics'>
) {
  return async (event: CloudTrailApiCallEvent): Promise<ResolveOutcome> => {
    const outcome = await resolveDeletedResources(event.detail, {
      store: runtime.store,
      resolver: runtime.securityHub,
      product: runtime.product,
      metrics: runtime.metrics,
    });
    logger.info('deleted resources resolved', { eventName: event.detail.eventName, ...outcome });
    return outcome;
  };
}

/** The Lambda handler (middy, CloudTrail event parsed) over a runtime built on first use. */
export function createResolveDeletedResourcesMain(
  runtime: () => Parameters<typeof createResolveDeletedResourcesHandler>[0]
) {
  let handler: ReturnType<typeof createResolveDeletedResourcesHandler> | undefined;
  return lambda({ schema: CloudTrailApiCallEventSchema }).handler((event) => {
    handler ??= createResolveDeletedResourcesHandler(runtime());
    return handler(event);
  });
}

export const main = createResolveDeletedResourcesMain(() => createRuntime(config(), awsClients()));
