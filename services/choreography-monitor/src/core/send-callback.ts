import type { CallbackEvent } from './callback-event';
import type { TaskCallbacks, TokenStore, WorkflowLogger, WorkflowMetrics } from './token-store';

/** What the callback cores need. */
export type CallbackDeps = {
  store: TokenStore;
  callbacks: TaskCallbacks;
  metrics: WorkflowMetrics;
  logger: WorkflowLogger;
  now: () => Date;
};

/** The token a claim was made on: enough to send the callback and time the state. */
export type ClaimedToken = {
  pk: string;
  token: string;
  state: string;
  choreography: string;
  enteredAt?: string | undefined;
  /** How it was claimed; an inbox claim is also confirmed on the token item (see `drainInbox`). */
  claimedVia?: 'event' | 'inbox' | undefined;
};

/** What happened to a callback. */
export type CallbackOutcome = 'delivered' | 'rejected';

/**
 * Sends a claimed event to its waiting state. Success is recorded (and the time the workflow spent in
 * the state measured); a refusal (the task timed out, or the token is unknown) is recorded and counted
 * as `CallbacksRejected` — an alarm watches it — and not retried: the same token will never be accepted.
 * When `isRecovery`, the claim was left unconfirmed by a worker that stopped: a refusal then most likely
 * means the first attempt went through, so it is recorded as delivered, not alarmed.
 * Any other error (throttling, network) propagates so the trigger retries; the claim lets the retry resend.
 */
export async function sendClaimedCallback(
  claimed: ClaimedToken,
  event: CallbackEvent,
  deps: CallbackDeps,
  options: { isRecovery?: boolean } = {}
): Promise<CallbackOutcome> {
  const result = await deps.callbacks.sendSuccess(claimed.token, event);
  const now = deps.now();
  if (result === 'sent' || options.isRecovery) {
    await deps.store.markDelivered(claimed.pk, claimed.token, event.id, now, {
      onToken: claimed.claimedVia === 'inbox',
    });
    if (options.isRecovery) deps.metrics.count('ClaimsRecovered', claimed.choreography);
    if (result === 'sent') {
      deps.metrics.count('EventsDelivered', claimed.choreography);
      const entered = claimed.enteredAt === undefined ? Number.NaN : Date.parse(claimed.enteredAt);
      if (Number.isFinite(entered))
        deps.metrics.stateDuration(claimed.choreography, claimed.state, Math.max(0, now.getTime() - entered));
    }
    return 'delivered';
  }
  const reason = `${result.rejected}: ${result.message}`;
  await deps.store.markRejected(claimed.pk, event.id, reason);
  deps.metrics.count('CallbacksRejected', claimed.choreography);
  deps.logger.error('Step Functions refused the callback', {
    pk: claimed.pk,
    state: claimed.state,
    eventId: event.id,
    detailType: event.detailType,
    reason,
  });
  return 'rejected';
}
