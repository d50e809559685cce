import type { StateMachine } from 'aws-local-stepfunctions';
import { LocalCloudError } from '../errors';

/** The state a top-level run is in, as `$$.State` describes it. */
interface StateEntry {
  name: string;
  enteredTime: string;
  retryCount: number;
}

type StateEvent = { state: { name: string }; timestamp: number };
type EngineEventLogger = {
  dispatchStateEnteredEvent(...args: unknown[]): void;
  dispatchStateRetriedEvent(...args: unknown[]): void;
  dispatch(event: unknown): void;
};
const ANNOUNCEMENTS = ['dispatchStateEnteredEvent', 'dispatchStateRetriedEvent'] as const;
type Announcement = (typeof ANNOUNCEMENTS)[number];
type Execute = (input: unknown, options: { eventLogger: EngineEventLogger }, cleanup: () => void) => unknown;

/**
 * `$$.State.{EnteredTime,Name,RetryCount}` for aws-local-stepfunctions, which has no `$$.State` of its own.
 * The engine resolves `Parameters` synchronously right after it announces the state (StateEntered, or
 * StateRetried before a retry), so following those announcements on the run's event logger — as they are
 * made, not through the asynchronous `eventLogs` iterator — gives exact values. `EnteredTime` is the
 * StateEntered event's own time, so it equals the `*StateEntered` history event's timestamp.
 * Only the top-level run is followed: inside Parallel/Map branches `$$.State` is the Parallel/Map state's.
 *
 * @example
 * const state = new StateContext();
 * state.follow(engine); // before engine.run(input, { context: { …, State: state.contextObject } })
 */
export class StateContext {
  /** The context object's `State`: its fields are read when a path resolves. */
  readonly contextObject: Record<string, unknown> = {};
  private current: StateEntry | undefined;

  constructor() {
    const field = (read: (entry: StateEntry) => unknown) => ({
      enumerable: true,
      get: () => (this.current === undefined ? undefined : read(this.current)),
    });
    Object.defineProperties(this.contextObject, {
      EnteredTime: field((entry) => entry.enteredTime),
      Name: field((entry) => entry.name),
      RetryCount: field((entry) => entry.retryCount),
    });
  }

  /** Follows `engine`'s next run (wraps its private `execute` to see the run's event logger). */
  follow(engine: StateMachine): void {
    const target = engine as unknown as { execute?: Execute };
    const execute = target.execute;
    if (typeof execute !== 'function') {
      throw new LocalCloudError(
        'aws-local-stepfunctions no longer has StateMachine#execute: $$.State cannot be provided (see stepfunctions/state-context.ts)'
      );
    }
    target.execute = (input, options, cleanup) => {
      this.observe(options.eventLogger);
      return execute.call(engine, input, options, cleanup);
    };
  }

  private observe(logger: EngineEventLogger): void {
    // The logger's own methods build each event and hand it to dispatch(): catch it there, as it happens.
    let announcing: Announcement | undefined;
    const dispatch = logger.dispatch.bind(logger);
    logger.dispatch = (event) => {
      if (announcing !== undefined) this.onEvent(announcing, event as StateEvent);
      dispatch(event);
    };
    for (const method of ANNOUNCEMENTS) {
      const original = logger[method].bind(logger);
      logger[method] = (...args: unknown[]) => {
        announcing = method;
        try {
          original(...args);
        } finally {
          announcing = undefined;
        }
      };
    }
  }

  private onEvent(method: Announcement, event: StateEvent): void {
    if (method === 'dispatchStateEnteredEvent') {
      const enteredTime = new Date(event.timestamp).toISOString();
      this.current = { name: event.state.name, enteredTime, retryCount: 0 };
    } else if (this.current !== undefined) {
      this.current.retryCount += 1;
    }
  }
}
