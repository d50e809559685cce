import type { StateMachine } from 'aws-local-stepfunctions';
import { type HistoryDraft, toJsonText } from './execution-history';

/** An event of the engine's `eventLogs` iterator (the engine does not export the type itself). */
export type EngineEvent =
  ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

/** What the translator remembers between events of one execution. */
export interface TranslationMemory {
  startedParents: Set<string>;
}

export function createTranslationMemory(): TranslationMemory {
  return { startedParents: new Set() };
}

/**
 * Turns one state-level engine event into the history events AWS records for it
 * (`StateEntered` of a Task → `TaskStateEntered`, a Parallel's first branch → `ParallelStateStarted`, …).
 * Execution-level events and Task failures are recorded by the execution runner, which knows the tasks.
 *
 * @example
 * translateEngineEvent({ type: 'StateEntered', timestamp: 0, state: { name: 'A', type: 'Pass', input: {} } }, memory);
 * // [{ type: 'PassStateEntered', details: { name: 'A', input: '{}', inputDetails: { truncated: false } }, … }]
 */
export function translateEngineEvent(event: EngineEvent, memory: TranslationMemory): HistoryDraft[] {
  const timestamp = new Date(event.timestamp);
  switch (event.type) {
    case 'StateEntered':
      return [
        {
          type: `${event.state.type}StateEntered`,
          details: {
            name: event.state.name,
            input: toJsonText(event.state.input),
            inputDetails: { truncated: false },
          },
          timestamp,
        },
      ];
    case 'StateExited':
      return exitDrafts(event.state.type, event.state.name, event.state.output, timestamp, memory);
    case 'StateFailed': {
      const isParent = event.state.type === 'Parallel' || event.state.type === 'Map';
      memory.startedParents.delete(event.state.name);
      return isParent ? [{ type: `${event.state.type}StateFailed`, timestamp }] : [];
    }
    case 'ParallelBranchStarted':
      return startParent('Parallel', event.parentState.name, undefined, timestamp, memory);
    case 'MapIterationStarted':
      return [
        ...startParent('Map', event.parentState.name, event.parentState.input, timestamp, memory),
        mapIteration('MapIterationStarted', event.parentState.name, event.index, timestamp),
      ];
    case 'MapIterationSucceeded':
      return [mapIteration('MapIterationSucceeded', event.parentState.name, event.index, timestamp)];
    case 'MapIterationFailed':
      return [mapIteration('MapIterationFailed', event.parentState.name, event.index, timestamp)];
    default:
      return [];
  }
}

function exitDrafts(
  stateType: string,
  name: string,
  output: unknown,
  timestamp: Date,
  memory: TranslationMemory
): HistoryDraft[] {
  const drafts: HistoryDraft[] = [];
  if (stateType === 'Parallel' || stateType === 'Map') {
    memory.startedParents.delete(name);
    drafts.push({ type: `${stateType}StateSucceeded`, timestamp });
  }
  drafts.push(exitDraft(stateType, name, output, timestamp));
  return drafts;
}

function exitDraft(stateType: string, name: string, output: unknown, timestamp: Date): HistoryDraft {
  return {
    type: `${stateType}StateExited`,
    details: { name, output: toJsonText(output), outputDetails: { truncated: false } },
    timestamp,
  };
}

function startParent(
  stateType: 'Parallel' | 'Map',
  name: string,
  input: unknown,
  timestamp: Date,
  memory: TranslationMemory
): HistoryDraft[] {
  if (memory.startedParents.has(name)) return [];
  memory.startedParents.add(name);
  if (stateType === 'Parallel') return [{ type: 'ParallelStateStarted', timestamp }];
  const details = Array.isArray(input) ? { length: input.length } : undefined;
  return [{ type: 'MapStateStarted', details, timestamp }];
}

function mapIteration(type: string, name: string, index: number, timestamp: Date): HistoryDraft {
  return { type, details: { name, index }, timestamp };
}

/** The engine reports a cause as any value; history carries it as text. */
export function causeText(cause: unknown): string {
  if (typeof cause === 'string') return cause;
  if (cause instanceof Error) return cause.message;
  return cause === undefined ? '' : JSON.stringify(cause);
}
