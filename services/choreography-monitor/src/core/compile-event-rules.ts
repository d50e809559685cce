import { type ChoreographyModel, transitionEvents } from './choreography-model';

/** An EventBridge rule the choreography needs, target left to the deployment. */
export type ChoreographyRule = {
  /** `start` (starts executions) or `forward` (advances them). */
  kind: 'start' | 'forward';
  /** The bus name, or undefined for the stage's Vigil bus. */
  eventBus?: string | undefined;
  pattern: Record<string, unknown>;
  description: string;
};

function withSources(model: ChoreographyModel, pattern: Record<string, unknown>): Record<string, unknown> {
  return model.sources === undefined ? pattern : { source: model.sources, ...pattern };
}

/**
 * The two rules of a choreography: `start` matches the start event (detail-type and its detail
 * conditions), `forward` every detail-type a waiting state accepts. Neither filters on the correlation
 * id: an event without one must reach a handler to be parked in the DLQ with its reason, not vanish.
 *
 * @example
 * const [start, forward] = compileEventRules(model);
 * start.pattern; // { source: ['com.example.orders'], 'detail-type': ['Order Placed'] }
 */
export function compileEventRules(model: ChoreographyModel): [ChoreographyRule, ChoreographyRule] {
  const start: ChoreographyRule = {
    kind: 'start',
    eventBus: model.eventBus,
    pattern: withSources(model, {
      'detail-type': [model.start.event],
      ...(model.start.detail === undefined ? {} : { detail: model.start.detail }),
    }),
    description: `${model.name}: ${model.start.event} starts a workflow`,
  };
  const forward: ChoreographyRule = {
    kind: 'forward',
    eventBus: model.eventBus,
    pattern: withSources(model, { 'detail-type': transitionEvents(model) }),
    description: `${model.name}: events that advance a workflow`,
  };
  return [start, forward];
}
