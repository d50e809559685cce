import type { TerminalState, Transition, WaitState } from './choreography';

/** A validated choreography, states split by kind and every SLA resolved. */
export type ChoreographyModel = {
  name: string;
  description?: string | undefined;
  /** A bus name, or undefined for the stage's Vigil bus. */
  eventBus?: string | undefined;
  sources?: string[] | undefined;
  /** `detail.order_id` (normalised without a leading `$.`). */
  correlationIdPath: string;
  retentionDays: number;
  start: { event: string; detail?: Record<string, unknown> | undefined; next: string };
  /** Waiting states in declaration order. */
  waitStates: WaitState[];
  terminalStates: TerminalState[];
};

/** The waiting state called `name`, if any. */
export function findWaitState(model: ChoreographyModel, name: string): WaitState | undefined {
  return model.waitStates.find((state) => state.name === name);
}

/** Every detail-type some waiting state accepts (the forward rule's), in first-use order. */
export function transitionEvents(model: ChoreographyModel): string[] {
  return [...new Set(model.waitStates.flatMap((state) => state.on.map((transition) => transition.event)))];
}

/** The states reachable from `from` through transitions, `from` excluded unless a cycle returns to it. */
export function reachableFrom(model: ChoreographyModel, from: string): Set<string> {
  const seen = new Set<string>();
  const queue = [...(findWaitState(model, from)?.on ?? []).map((transition: Transition) => transition.next)];
  while (queue.length > 0) {
    const next = queue.shift();
    if (next === undefined || seen.has(next)) continue;
    seen.add(next);
    for (const transition of findWaitState(model, next)?.on ?? []) queue.push(transition.next);
  }
  return seen;
}

/** `order#o-42`: the partition key of a workflow's token, inbox and duplicate records. */
export function tokenKey(choreography: string, correlationId: string): string {
  return `${choreography}#${correlationId}`;
}
