import { TokenContentionError } from '../errors';
import type { CallbackEvent } from './callback-event';
import { type ChoreographyModel, tokenKey } from './choreography-model';
import { drainInbox } from './drain-inbox';
import { routeEvent } from './route-event';
import { type CallbackDeps, sendClaimedCallback } from './send-callback';
import type { TokenRecord } from './token-store';

/** What happened to one event. */
export type AdvanceOutcome = 'delivered' | 'rejected' | 'inboxed' | 'duplicate' | 'resent';

/** Claims lost to another worker before giving the event back to SQS. */
const MAX_ATTEMPTS = 3;

function retentionTtl(model: ChoreographyModel, now: Date): number {
  return Math.floor(now.getTime() / 1000) + model.retentionDays * 86_400;
}

/** The event's id was seen: a duplicate, unless an earlier attempt claimed a token and stopped before sending. */
async function handleSeen(
  pk: string,
  event: CallbackEvent,
  model: ChoreographyModel,
  deps: CallbackDeps
): Promise<AdvanceOutcome> {
  const seen = await deps.store.getSeen(pk, event.id);
  if (seen?.status === 'claimed' && seen.token !== undefined) {
    const claimed = { pk, token: seen.token, state: seen.state ?? 'unknown', choreography: model.name };
    await sendClaimedCallback(claimed, event, deps, { isRecovery: true });
    return 'resent';
  }
  deps.metrics.count('DuplicateEvents', model.name);
  return 'duplicate';
}

async function keepInInbox(
  pk: string,
  event: CallbackEvent,
  seenToken: TokenRecord | undefined,
  model: ChoreographyModel,
  deps: CallbackDeps
): Promise<AdvanceOutcome> {
  const now = deps.now();
  const stored = await deps.store.putInInbox(pk, event, {
    now,
    ttl: seenToken?.ttl ?? retentionTtl(model, now),
  });
  if (stored === 'duplicate') return handleSeen(pk, event, model, deps);
  deps.metrics.count('EventsInboxed', model.name);
  // The workflow may have stored a new token between our read and our write; its stream record was then
  // drained before this event was in the inbox, so drain once more (claims make double drains harmless).
  const current = await deps.store.getToken(pk);
  if (current !== undefined && current.claimedBy === undefined && current.token !== seenToken?.token) {
    await drainInbox(model, pk, deps, { recover: false });
  }
  return 'inboxed';
}

/**
 * Advances the workflow an event belongs to (the forwarder's core). With the waiting state's token
 * (one consistent read): an event the state accepts — or one nothing ahead accepts, so the execution
 * fails visibly — claims the token and is sent with SendTaskSuccess; an event for a later state, or one
 * that arrives before any state waits (or while the workflow moves on), is kept in the inbox and
 * delivered when the state that accepts it stores its token. An event id seen before is a no-op.
 *
 * @example
 * await advanceWorkflow(order, 'o-42', toCallbackEvent(event), deps); // 'delivered'
 */
export async function advanceWorkflow(
  model: ChoreographyModel,
  correlationId: string,
  event: CallbackEvent,
  deps: CallbackDeps
): Promise<AdvanceOutcome> {
  const pk = tokenKey(model.name, correlationId);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const token = await deps.store.getToken(pk);
    if (token === undefined || token.claimedBy !== undefined)
      return keepInInbox(pk, event, token, model, deps);
    const route = routeEvent(model, token.state, event);
    if (route === 'early') return keepInInbox(pk, event, token, model, deps);
    const claim = await deps.store.claimForEvent(pk, token, event, { now: deps.now(), ttl: token.ttl });
    if (claim === 'duplicate') return handleSeen(pk, event, model, deps);
    if (claim === 'contended') continue;
    if (route === 'unexpected') deps.metrics.count('UnexpectedEvents', model.name);
    return sendClaimedCallback(token, event, deps);
  }
  throw new TokenContentionError(
    `${pk}: the token kept changing while ${event.detailType} (${event.id}) was routed`
  );
}
