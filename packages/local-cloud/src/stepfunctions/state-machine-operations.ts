import { buildStateMachineArn, isStatesArn } from './arns';
import { SfnApiError } from './errors';
import { epochSeconds, type FacadeState, paginate, type StoredStateMachine } from './facade-state';
import {
  CreateStateMachineSchema,
  ListStateMachinesSchema,
  parseRequest,
  StateMachineArnSchema,
} from './request-schemas';
import { findNameProblem } from './resource-name';
import { parseDefinition } from './state-machine-definition';

/** CreateStateMachine: validates the name and the ASL; idempotent for an identical definition and role. */
export function createStateMachine(state: FacadeState, body: unknown) {
  const request = parseRequest(CreateStateMachineSchema, body);
  const problem = findNameProblem(request.name);
  if (problem) throw new SfnApiError('InvalidName', `Invalid Name: '${request.name}' (${problem})`);
  const definition = parseDefinition(request.definition);
  const arn = buildStateMachineArn(state.scope, request.name);
  const existing = state.machines.get(arn);
  if (existing) {
    const isSame = existing.definition.source === request.definition && existing.roleArn === request.roleArn;
    if (!isSame) throw new SfnApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
    return { stateMachineArn: arn, creationDate: epochSeconds(existing.creationDate) };
  }
  const machine: StoredStateMachine = {
    arn,
    name: request.name,
    type: request.type ?? 'STANDARD',
    roleArn: request.roleArn,
    definition,
    creationDate: new Date(),
  };
  state.machines.set(arn, machine);
  return { stateMachineArn: arn, creationDate: epochSeconds(machine.creationDate) };
}

/** Finds a state machine or answers as AWS does (InvalidArn / StateMachineDoesNotExist). */
export function findStateMachine(state: FacadeState, arn: string): StoredStateMachine {
  if (!isStatesArn(arn, 'stateMachine')) throw new SfnApiError('InvalidArn', `Invalid Arn: '${arn}'`);
  const machine = state.machines.get(arn);
  if (!machine) throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
  return machine;
}

export function describeStateMachine(state: FacadeState, body: unknown) {
  const machine = findStateMachine(state, parseRequest(StateMachineArnSchema, body).stateMachineArn);
  return {
    stateMachineArn: machine.arn,
    name: machine.name,
    status: 'ACTIVE',
    definition: machine.definition.source,
    roleArn: machine.roleArn,
    type: machine.type,
    creationDate: epochSeconds(machine.creationDate),
    loggingConfiguration: { level: 'OFF', includeExecutionData: false },
    tracingConfiguration: { enabled: false },
  };
}

export function listStateMachines(state: FacadeState, body: unknown) {
  const request = parseRequest(ListStateMachinesSchema, body);
  const all = [...state.machines.values()].sort((a, b) => a.name.localeCompare(b.name));
  const page = paginate(all, request.maxResults, request.nextToken);
  return {
    stateMachines: page.items.map((machine) => ({
      stateMachineArn: machine.arn,
      name: machine.name,
      type: machine.type,
      creationDate: epochSeconds(machine.creationDate),
    })),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}

/** DeleteStateMachine: running executions go on to completion, as on AWS. */
export function deleteStateMachine(state: FacadeState, body: unknown) {
  const arn = parseRequest(StateMachineArnSchema, body).stateMachineArn;
  if (!isStatesArn(arn, 'stateMachine')) throw new SfnApiError('InvalidArn', `Invalid Arn: '${arn}'`);
  state.machines.delete(arn);
  return {};
}
