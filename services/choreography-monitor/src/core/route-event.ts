import type { CallbackEvent } from './callback-event';
import { type ChoreographyModel, findWaitState, reachableFrom } from './choreography-model';
import { transitionRule } from './compile-asl';
import { evaluateChoiceRule } from './evaluate-choice-rule';

/**
 * What to do with an event for a workflow waiting in a state:
 * - `accept`: the state has a transition for it (deliver it);
 * - `early`: a state further on accepts it (keep it in the inbox until the workflow gets there);
 * - `unexpected`: nothing ahead accepts it (deliver it, so the execution fails visibly).
 */
export type Route = 'accept' | 'early' | 'unexpected';

/** The transition of `stateName` the event takes, as the generated Choice state would pick it. */
export function acceptingTransition(model: ChoreographyModel, stateName: string, event: CallbackEvent) {
  const state = findWaitState(model, stateName);
  return state?.on.find((transition) =>
    evaluateChoiceRule(transitionRule(transition.event, transition.detail), { lastEvent: event })
  );
}

/**
 * Decides the route of an event for a workflow waiting in `stateName`, evaluating the very Choice
 * rules the state machine runs. A state name the model does not know (a token written by an older
 * version of the choreography) counts as accepting nothing, so the execution decides.
 *
 * @example
 * routeEvent(order, 'AwaitingPayment', inventoryReserved); // 'early'
 */
export function routeEvent(model: ChoreographyModel, stateName: string, event: CallbackEvent): Route {
  if (acceptingTransition(model, stateName, event) !== undefined) return 'accept';
  for (const later of reachableFrom(model, stateName)) {
    if (later !== stateName && acceptingTransition(model, later, event) !== undefined) return 'early';
  }
  return 'unexpected';
}
