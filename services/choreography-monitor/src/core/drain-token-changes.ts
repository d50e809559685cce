import type { ChoreographyCatalog } from './choreography-catalog';
import { drainInbox } from './drain-inbox';
import type { CallbackDeps } from './send-callback';

/** A change of a token item, as the tokens table stream reports it. */
export type TokenChange = { sequenceNumber: string; pk: string; choreography: string };

/**
 * Drains the inbox of every workflow whose waiting state stored a token (or, on a retried batch, finishes
 * a claim left unconfirmed). Workflows are independent, so they are drained concurrently, once each (with
 * its latest change); on failures the earliest failed change is reported (partial batch response), so the
 * stream retries from there and no later change is skipped (drains are idempotent).
 *
 * @example
 * await drainTokenChanges([{ sequenceNumber: '1', pk: 'order#o-42', choreography: 'order' }], deps);
 */
export async function drainTokenChanges(
  changes: readonly TokenChange[],
  deps: CallbackDeps & { catalog: ChoreographyCatalog }
): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> {
  const drained = new Set<string>();
  for (const change of changes) {
    if (drained.has(change.pk)) continue;
    const model = deps.catalog.byName(change.choreography);
    if (model === undefined) {
      deps.logger.warn('token of an unknown choreography', { pk: change.pk });
      continue;
    }
    try {
      await drainInbox(model, change.pk, deps, { recover: true });
      drained.add(change.pk);
    } catch (error) {
      deps.logger.error('inbox drain failed', {
        pk: change.pk,
        error: error instanceof Error ? error.message : String(error),
      });
      return { batchItemFailures: [{ itemIdentifier: change.sequenceNumber }] };
    }
  }
  return { batchItemFailures: [] };
}
