import { type CompiledPattern, compilePattern } from '@vigil/event-patterns';
import type { ChoreographyModel } from './choreography-model';
import { compileEventRules } from './compile-event-rules';

/** The deployed choreographies, with their rules compiled to tell which one an event belongs to. */
export type ChoreographyCatalog = {
  models: readonly ChoreographyModel[];
  byName(name: string): ChoreographyModel | undefined;
  /** Choreographies whose start rule matches the event. */
  startedBy(event: unknown): ChoreographyModel[];
  /** Choreographies whose forward rule matches the event. */
  advancedBy(event: unknown): ChoreographyModel[];
};

/**
 * Builds the catalog. Handlers receive events from every choreography's rules through one queue, so
 * they match each event against the same patterns the rules use (`@vigil/event-patterns`, EventBridge
 * semantics) to know which choreographies it takes part in.
 *
 * @example
 * const catalog = createCatalog([order, refund]);
 * catalog.advancedBy(paymentSucceeded).map((model) => model.name); // ['order']
 */
export function createCatalog(models: readonly ChoreographyModel[]): ChoreographyCatalog {
  const compiled = models.map((model) => {
    const [start, forward] = compileEventRules(model);
    return { model, start: compilePattern(start.pattern), forward: compilePattern(forward.pattern) };
  });
  const matching = (event: unknown, pick: (entry: (typeof compiled)[number]) => CompiledPattern) =>
    compiled.filter((entry) => pick(entry).matches(event)).map((entry) => entry.model);
  return {
    models,
    byName: (name) => models.find((model) => model.name === name),
    startedBy: (event) => matching(event, (entry) => entry.start),
    advancedBy: (event) => matching(event, (entry) => entry.forward),
  };
}
