import type { ChoreographyModel } from './choreography-model';
import { routeEvent } from './route-event';
import { type CallbackDeps, sendClaimedCallback } from './send-callback';
import type { TokenRecord } from './token-store';

/** What a drain did. */
export type DrainOutcome = 'idle' | 'delivered' | 'rejected' | 'recovered' | 'waiting' | 'contended';

/**
 * A claim made by a drain and not confirmed: when the stream retries a batch, the drain that made it
 * stopped, so it is sent again (a second send of a token is refused harmlessly). A claim the forwarder
 * made for an arriving event is left to the forwarder: SQS redelivers that event, which resends it.
 */
async function recoverClaim(token: TokenRecord, deps: CallbackDeps): Promise<DrainOutcome> {
  if (token.claimedVia !== 'inbox' || token.claimedEvent === undefined) return 'idle';
  await sendClaimedCallback(token, token.claimedEvent, deps, { isRecovery: true });
  return 'recovered';
}

/**
 * Runs when a waiting state stored a fresh token (tokens table stream), and after the forwarder kept an
 * event while the workflow was moving: reads the token and the inbox in one consistent query and delivers
 * the oldest kept event the state accepts — or one nothing ahead accepts, which fails the execution as
 * it would have in order. Events for later states stay. One delivery per token: the next state's token
 * triggers the next drain. With `recover`, an inbox claim left unconfirmed by a stopped drain is completed.
 *
 * @example
 * await drainInbox(order, 'order#o-42', deps, { recover: true });
 */
export async function drainInbox(
  model: ChoreographyModel,
  pk: string,
  deps: CallbackDeps,
  options: { recover: boolean }
): Promise<DrainOutcome> {
  const { token, inbox } = await deps.store.getTokenAndInbox(pk);
  if (token === undefined) return 'idle';
  if (token.claimedBy !== undefined) {
    return token.deliveredAt === undefined && options.recover ? recoverClaim(token, deps) : 'idle';
  }
  const item = inbox.find((candidate) => routeEvent(model, token.state, candidate.event) !== 'early');
  if (item === undefined) return inbox.length > 0 ? 'waiting' : 'idle';
  const claim = await deps.store.claimFromInbox(pk, token, item, { now: deps.now(), ttl: token.ttl });
  if (claim !== 'claimed') return 'contended';
  deps.metrics.count('InboxDelivered', model.name);
  if (routeEvent(model, token.state, item.event) === 'unexpected')
    deps.metrics.count('UnexpectedEvents', model.name);
  const outcome = await sendClaimedCallback({ ...token, claimedVia: 'inbox' }, item.event, deps);
  return outcome;
}
