import { randomUUID } from 'node:crypto';
import { buildExecutionArn, buildExpressExecutionArn, isStatesArn } from './arns';
import { SfnApiError } from './errors';
import type { HistoryEvent } from './execution-history';
import { ExecutionRun } from './execution-run';
import { epochSeconds, type FacadeState, paginate } from './facade-state';
import {
  ExecutionArnSchema,
  GetExecutionHistorySchema,
  ListExecutionsSchema,
  parseRequest,
  StartExecutionSchema,
  StopExecutionSchema,
} from './request-schemas';
import { findNameProblem } from './resource-name';
import { findStateMachine } from './state-machine-operations';

/**
 * StartExecution. For a Standard workflow a name is unique per state machine: the same name and input
 * while that execution runs returns it again (idempotent); a different input, or a closed execution,
 * answers ExecutionAlreadyExists (AWS keeps names for 90 days; local state never expires).
 */
export function startExecution(state: FacadeState, body: unknown) {
  const request = parseRequest(StartExecutionSchema, body);
  const machine = findStateMachine(state, request.stateMachineArn);
  const name = request.name ?? randomUUID();
  const problem = findNameProblem(name);
  if (problem) throw new SfnApiError('InvalidName', `Invalid Name: '${name}' (${problem})`);
  const input = request.input ?? '{}';
  let inputValue: unknown;
  try {
    inputValue = JSON.parse(input);
  } catch {
    throw new SfnApiError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${input}'`);
  }
  const isExpress = machine.type === 'EXPRESS';
  const executionArn = isExpress
    ? buildExpressExecutionArn(state.scope, machine.name, name, randomUUID())
    : buildExecutionArn(state.scope, machine.name, name);
  const existing = state.executions.get(executionArn);
  if (existing) {
    if (existing.isRunning && existing.snapshot.input === input) {
      return { executionArn, startDate: epochSeconds(existing.snapshot.startDate) };
    }
    throw new SfnApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
  }
  const run = new ExecutionRun(
    machine,
    { executionArn, stateMachineArn: machine.arn, name, startDate: new Date(), input },
    state.runDeps
  );
  state.executions.set(executionArn, run);
  run.start(inputValue);
  return { executionArn, startDate: epochSeconds(run.snapshot.startDate) };
}

/** Finds an execution or answers as AWS does (InvalidArn / ExecutionDoesNotExist). */
export function findExecution(state: FacadeState, arn: string): ExecutionRun {
  if (!isStatesArn(arn, 'execution')) throw new SfnApiError('InvalidArn', `Invalid Arn: '${arn}'`);
  const run = state.executions.get(arn);
  if (!run) throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
  return run;
}

export function describeExecution(state: FacadeState, body: unknown) {
  const { snapshot } = findExecution(state, parseRequest(ExecutionArnSchema, body).executionArn);
  const isClosed = snapshot.status !== 'RUNNING';
  return {
    executionArn: snapshot.executionArn,
    stateMachineArn: snapshot.stateMachineArn,
    name: snapshot.name,
    status: snapshot.status,
    startDate: epochSeconds(snapshot.startDate),
    stopDate: epochSeconds(snapshot.stopDate),
    input: snapshot.input,
    inputDetails: { included: true },
    output: snapshot.output,
    outputDetails: snapshot.output === undefined ? undefined : { included: true },
    error: snapshot.error,
    cause: snapshot.cause,
    redriveCount: 0,
    redriveStatus: isClosed && snapshot.status !== 'SUCCEEDED' ? 'REDRIVABLE' : 'NOT_REDRIVABLE',
  };
}

export function listExecutions(state: FacadeState, body: unknown) {
  const request = parseRequest(ListExecutionsSchema, body);
  findStateMachine(state, request.stateMachineArn);
  const all = [...state.executions.values()]
    .map((run) => run.snapshot)
    .filter((snapshot) => snapshot.stateMachineArn === request.stateMachineArn)
    .filter((snapshot) => !request.statusFilter || snapshot.status === request.statusFilter)
    .sort((a, b) => b.startDate.getTime() - a.startDate.getTime());
  const page = paginate(all, request.maxResults, request.nextToken);
  return {
    executions: page.items.map((snapshot) => ({
      executionArn: snapshot.executionArn,
      stateMachineArn: snapshot.stateMachineArn,
      name: snapshot.name,
      status: snapshot.status,
      startDate: epochSeconds(snapshot.startDate),
      stopDate: epochSeconds(snapshot.stopDate),
    })),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}

export async function stopExecution(state: FacadeState, body: unknown) {
  const request = parseRequest(StopExecutionSchema, body);
  const run = findExecution(state, request.executionArn);
  await run.stop(request.error, request.cause);
  return { stopDate: epochSeconds(run.snapshot.stopDate) };
}

export function getExecutionHistory(state: FacadeState, body: unknown) {
  const request = parseRequest(GetExecutionHistorySchema, body);
  const run = findExecution(state, request.executionArn);
  const events = request.reverseOrder ? [...run.history.events].reverse() : run.history.events;
  const page = paginate(events, request.maxResults, request.nextToken);
  const includeData = request.includeExecutionData ?? true;
  return {
    events: page.items.map((event) => serializeHistoryEvent(event, includeData)),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}

const DATA_FIELDS = new Set(['input', 'output', 'parameters']);

function serializeHistoryEvent(event: HistoryEvent, includeData: boolean): Record<string, unknown> {
  const serialized: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (key === 'timestamp') serialized[key] = epochSeconds(event.timestamp);
    else if (!includeData && typeof value === 'object' && value !== null && key.endsWith('EventDetails')) {
      serialized[key] = Object.fromEntries(
        Object.entries(value).filter(([field]) => !DATA_FIELDS.has(field))
      );
    } else serialized[key] = value;
  }
  return serialized;
}
