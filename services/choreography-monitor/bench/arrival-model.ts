// The benchmark's arrival process: open loop (events are sent at their planned times whatever the system
// does), workflows starting as a Poisson process over a ramp, and each workflow's events spaced like an
// order flow (payment, warehouse and carrier each take a few seconds). Seeded, so runs are comparable.
import { seededRandom } from '@vigil/lambda-kit/testing';

/** The parameters of the arrival process. */
export type ArrivalModel = {
  workflows: number;
  /** Starts spread over this window (Poisson process); 0 = every start event at the same instant (burst). */
  rampMs: number;
  /** Each gap between two events of a workflow is uniform in [gapMinMs, gapMaxMs]. */
  gapMinMs: number;
  gapMaxMs: number;
  seed: number;
};

/** One event to send: which workflow, which step, when (ms from the phase start). */
export type PlannedEvent = { workflow: number; step: number; atMs: number };

/** Every event of the phase, in send order. */
export function planArrivals(model: ArrivalModel, steps: number): PlannedEvent[] {
  const next = seededRandom(model.seed);
  const planned: PlannedEvent[] = [];
  let start = 0;
  for (let workflow = 0; workflow < model.workflows; workflow += 1) {
    // Exponential inter-arrival times with mean rampMs / workflows (a Poisson process).
    if (model.rampMs > 0) start += (-Math.log(1 - next()) * model.rampMs) / model.workflows;
    let at = start;
    for (let step = 0; step < steps; step += 1) {
      if (step > 0) at += model.gapMinMs + next() * (model.gapMaxMs - model.gapMinMs);
      planned.push({ workflow, step, atMs: at });
    }
  }
  return planned.sort((a, b) => a.atMs - b.atMs);
}

/** Peak number of workflows between their first and last event, and the peak events/s (1 s windows). */
export function describeArrivals(planned: PlannedEvent[]): {
  peakInFlight: number;
  peakEventsPerSecond: number;
} {
  const spans = new Map<number, { first: number; last: number }>();
  const perSecond = new Map<number, number>();
  for (const event of planned) {
    const span = spans.get(event.workflow) ?? { first: event.atMs, last: event.atMs };
    span.first = Math.min(span.first, event.atMs);
    span.last = Math.max(span.last, event.atMs);
    spans.set(event.workflow, span);
    const second = Math.floor(event.atMs / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
  }
  const edges = [...spans.values()].flatMap((span) => [
    { at: span.first, delta: 1 },
    { at: span.last, delta: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || b.delta - a.delta);
  let inFlight = 0;
  let peakInFlight = 0;
  for (const edge of edges) {
    inFlight += edge.delta;
    peakInFlight = Math.max(peakInFlight, inFlight);
  }
  return { peakInFlight, peakEventsPerSecond: Math.max(0, ...perSecond.values()) };
}
