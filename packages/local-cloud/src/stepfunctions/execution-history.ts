/** One event of GetExecutionHistory, with its `<type>EventDetails` field. */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: Date;
  type: string;
  [detailsField: string]: unknown;
}

/** An event before it gets its id: type, details and when it happened. */
export interface HistoryDraft {
  type: string;
  details?: Record<string, unknown> | undefined;
  timestamp?: Date | undefined;
}

/**
 * The field AWS puts an event's details in: `stateEnteredEventDetails` for every `*StateEntered`,
 * `stateExitedEventDetails` for every `*StateExited`, else the type in camelCase + `EventDetails`.
 *
 * @example
 * detailsFieldFor('TaskStateEntered'); // 'stateEnteredEventDetails'
 * detailsFieldFor('TaskScheduled'); // 'taskScheduledEventDetails'
 */
export function detailsFieldFor(type: string): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
}

/**
 * The ordered history of one execution; ids start at 1 and each event points at the one before it.
 *
 * @example
 * const history = new ExecutionHistory();
 * history.append({ type: 'ExecutionStarted', details: { input: '{}', inputDetails: { truncated: false } } });
 * history.events[0]; // { id: 1, previousEventId: 0, type: 'ExecutionStarted', executionStartedEventDetails: … }
 */
export class ExecutionHistory {
  readonly events: HistoryEvent[] = [];

  append(draft: HistoryDraft): HistoryEvent {
    const id = this.events.length + 1;
    const event: HistoryEvent = {
      id,
      previousEventId: id - 1,
      timestamp: draft.timestamp ?? new Date(),
      type: draft.type,
    };
    if (draft.details) event[detailsFieldFor(draft.type)] = draft.details;
    this.events.push(event);
    return event;
  }

  has(type: string): boolean {
    return this.events.some((event) => event.type === type);
  }
}

/** JSON text of a value as history and DescribeExecution carry it. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value);
}
