import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { SfnApiError } from './errors';
import { parseTaskResource, type TaskResource } from './task-resource';

/** A Task state of a definition, with what the facade needs to run it. */
export interface TaskStateInfo {
  name: string;
  resource: TaskResource;
  timeoutSeconds: number | undefined;
  heartbeatSeconds: number | undefined;
}

/** A validated definition, plus the copy the engine runs. */
export interface ParsedDefinition {
  source: string;
  engineDefinition: StateMachineDefinition;
  tasks: Map<string, TaskStateInfo>;
  timeoutSeconds: number | undefined;
}

// setTimeout overflows above 2^31-1 ms; the engine would then fire at once. This is ~24.8 days.
const MAX_TIMER_SECONDS = 2_147_483;

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses and validates an ASL definition (asl-validator through the engine, with ARN and JSONPath checks)
 * and prepares the engine's copy: every Task state gets an explicit TimeoutSeconds, because the engine
 * defaults to 60 s where Step Functions waits up to a year.
 * Throws `InvalidDefinition` as CreateStateMachine does.
 *
 * @example
 * const parsed = parseDefinition('{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}');
 * parsed.tasks.size; // 0
 */
export function parseDefinition(source: string): ParsedDefinition {
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch (error) {
    throw new SfnApiError(
      'InvalidDefinition',
      `Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: ${String(error)}'`
    );
  }
  if (!isObject(raw))
    throw new SfnApiError('InvalidDefinition', 'Invalid State Machine Definition: not an object');
  try {
    new StateMachine(raw as unknown as StateMachineDefinition, {
      validationOptions: { checkArn: true, checkPaths: true },
    });
  } catch (error) {
    throw new SfnApiError(
      'InvalidDefinition',
      `Invalid State Machine Definition: '${(error as Error).message}'`
    );
  }
  // A JSON copy, not structuredClone: the engine only walks objects whose prototype is this realm's Object.
  const engineDefinition: JsonObject = JSON.parse(JSON.stringify(raw));
  const tasks = new Map<string, TaskStateInfo>();
  prepareStates(engineDefinition, tasks, new Set());
  if (typeof engineDefinition.TimeoutSeconds === 'number') {
    engineDefinition.TimeoutSeconds = Math.min(engineDefinition.TimeoutSeconds, MAX_TIMER_SECONDS);
  }
  const timeoutSeconds = typeof raw.TimeoutSeconds === 'number' ? raw.TimeoutSeconds : undefined;
  return {
    source,
    engineDefinition: engineDefinition as unknown as StateMachineDefinition,
    tasks,
    timeoutSeconds,
  };
}

function prepareStates(machine: JsonObject, tasks: Map<string, TaskStateInfo>, names: Set<string>): void {
  const states = isObject(machine.States) ? machine.States : {};
  for (const [name, state] of Object.entries(states)) {
    if (!isObject(state)) continue;
    if (names.has(name)) {
      throw new SfnApiError(
        'InvalidDefinition',
        `Invalid State Machine Definition: 'DUPLICATE_STATE_NAME: ${name}'`
      );
    }
    names.add(name);
    if (state.Type === 'Task') prepareTask(name, state, tasks);
    if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
      for (const branch of state.Branches) if (isObject(branch)) prepareStates(branch, tasks, names);
    }
    if (state.Type === 'Map') {
      const processor = state.ItemProcessor ?? state.Iterator;
      if (isObject(processor)) prepareStates(processor, tasks, names);
    }
  }
}

function prepareTask(name: string, state: JsonObject, tasks: Map<string, TaskStateInfo>): void {
  const timeoutSeconds = typeof state.TimeoutSeconds === 'number' ? state.TimeoutSeconds : undefined;
  const heartbeatSeconds = typeof state.HeartbeatSeconds === 'number' ? state.HeartbeatSeconds : undefined;
  if (state.TimeoutSecondsPath === undefined) {
    state.TimeoutSeconds = Math.min(timeoutSeconds ?? MAX_TIMER_SECONDS, MAX_TIMER_SECONDS);
  }
  tasks.set(name, {
    name,
    resource: parseTaskResource(typeof state.Resource === 'string' ? state.Resource : ''),
    timeoutSeconds,
    heartbeatSeconds,
  });
}
