import {
  createTranslationMemory,
  type EngineEvent,
  translateEngineEvent,
} from '../../src/stepfunctions/engine-event-translator';
import { detailsFieldFor, ExecutionHistory } from '../../src/stepfunctions/execution-history';

const state = (name: string, type: string, extra: Record<string, unknown> = {}) =>
  ({ name, type, input: { a: 1 }, ...extra }) as never;

describe('detailsFieldFor', () => {
  it.each([
    ['TaskStateEntered', 'stateEnteredEventDetails'],
    ['ChoiceStateExited', 'stateExitedEventDetails'],
    ['TaskScheduled', 'taskScheduledEventDetails'],
    ['ExecutionFailed', 'executionFailedEventDetails'],
    ['MapIterationStarted', 'mapIterationStartedEventDetails'],
  ])('names the details field of %s', (type, field) => {
    // Act
    const result = detailsFieldFor(type);

    // Assess
    expect(result).toBe(field);
  });
});

describe('ExecutionHistory', () => {
  it('numbers events from 1 and links each to the previous one', () => {
    // Prepare
    const history = new ExecutionHistory();

    // Act
    history.append({ type: 'ExecutionStarted', details: { input: '{}' } });
    history.append({ type: 'PassStateEntered', details: { name: 'A', input: '{}' } });

    // Assess
    expect(history.events.map(({ id, previousEventId, type }) => ({ id, previousEventId, type }))).toEqual([
      { id: 1, previousEventId: 0, type: 'ExecutionStarted' },
      { id: 2, previousEventId: 1, type: 'PassStateEntered' },
    ]);
    expect(history.events[1]?.stateEnteredEventDetails).toEqual({ name: 'A', input: '{}' });
  });
});

describe('translateEngineEvent', () => {
  it('names state events after the state type, with JSON text input and output', () => {
    // Prepare
    const memory = createTranslationMemory();
    const entered: EngineEvent = { type: 'StateEntered', timestamp: 1000, state: state('Check', 'Choice') };
    const exited: EngineEvent = {
      type: 'StateExited',
      timestamp: 2000,
      state: state('Check', 'Choice', { output: { b: 2 } }),
    };

    // Act
    const drafts = [...translateEngineEvent(entered, memory), ...translateEngineEvent(exited, memory)];

    // Assess
    expect(drafts).toEqual([
      {
        type: 'ChoiceStateEntered',
        details: { name: 'Check', input: '{"a":1}', inputDetails: { truncated: false } },
        timestamp: new Date(1000),
      },
      {
        type: 'ChoiceStateExited',
        details: { name: 'Check', output: '{"b":2}', outputDetails: { truncated: false } },
        timestamp: new Date(2000),
      },
    ]);
  });

  it('records ParallelStateStarted once and ParallelStateSucceeded before the exit', () => {
    // Prepare
    const memory = createTranslationMemory();
    const parent = state('Fan', 'Parallel');
    const branch: EngineEvent = {
      type: 'ParallelBranchStarted',
      timestamp: 1,
      parentState: parent,
    };
    const exited: EngineEvent = {
      type: 'StateExited',
      timestamp: 2,
      state: state('Fan', 'Parallel', { output: [] }),
    };

    // Act
    const types = [branch, branch, exited]
      .flatMap((event) => translateEngineEvent(event, memory))
      .map((d) => d.type);

    // Assess
    expect(types).toEqual(['ParallelStateStarted', 'ParallelStateSucceeded', 'ParallelStateExited']);
  });

  it('records Map iterations with their index and leaves Task failures to the runner', () => {
    // Prepare
    const memory = createTranslationMemory();
    const parent = state('Each', 'Map', { input: [1, 2] });
    const iteration: EngineEvent = {
      type: 'MapIterationStarted',
      timestamp: 1,
      parentState: parent,
      index: 1,
    };
    const taskFailed: EngineEvent = {
      type: 'StateFailed',
      timestamp: 2,
      state: state('Work', 'Task'),
      Error: 'States.Timeout',
      Cause: 'x',
    };

    // Act
    const drafts = [...translateEngineEvent(iteration, memory), ...translateEngineEvent(taskFailed, memory)];

    // Assess
    expect(drafts.map((draft) => [draft.type, draft.details])).toEqual([
      ['MapStateStarted', { length: 2 }],
      ['MapIterationStarted', { name: 'Each', index: 1 }],
    ]);
  });
});
