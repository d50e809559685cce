import { compilePattern, InvalidPatternError } from '@vigil/event-patterns';
import { formatPath, formatValidationError } from '@vigil/event-schema';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { type ChoreographyIssue, ChoreographyValidationError, UnsupportedConditionError } from '../errors';
import { type Choreography, ChoreographySchema, type TerminalState, type WaitState } from './choreography';
import { type ChoreographyModel, reachableFrom } from './choreography-model';
import { compileDetailCondition } from './compile-detail-condition';

function zodIssues(error: z.ZodError, input: unknown): ChoreographyIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.length === 0 ? '' : formatPath(issue.path);
    const line = formatValidationError(new z.ZodError([issue]), input);
    const prefix = `${formatPath(issue.path)}: `;
    return { path, reason: line.startsWith(prefix) ? line.slice(prefix.length) : line };
  });
}

function checkCondition(
  pattern: Record<string, unknown> | undefined,
  at: string,
  issues: ChoreographyIssue[]
): void {
  if (pattern === undefined) return;
  try {
    compilePattern({ detail: pattern });
    compileDetailCondition(pattern);
  } catch (error) {
    if (error instanceof InvalidPatternError) {
      issues.push({ path: `${at}${error.path.replace(/^detail/, '')}`, reason: error.reason });
    } else if (error instanceof UnsupportedConditionError) {
      issues.push({
        path: `${at}${error.path.replace(/^detail/, '')}`,
        reason: error.message.slice(error.path.length + 2),
      });
    } else throw error;
  }
}

function splitStates(choreography: Choreography, issues: ChoreographyIssue[]) {
  const waitStates: WaitState[] = [];
  const terminalStates: TerminalState[] = [];
  for (const [name, state] of Object.entries(choreography.states)) {
    if (state.outcome !== undefined) {
      terminalStates.push({
        name,
        outcome: state.outcome,
        error: state.error,
        cause: state.cause,
        description: state.description,
      });
      continue;
    }
    const timeoutSeconds = state.timeoutSeconds ?? choreography.defaultTimeoutSeconds;
    if (timeoutSeconds === undefined) {
      issues.push({
        path: `states.${name}.timeoutSeconds`,
        reason: 'required: a waiting state needs an SLA (or set defaultTimeoutSeconds)',
      });
    }
    waitStates.push({
      name,
      timeoutSeconds: timeoutSeconds ?? 1,
      on: state.on ?? [],
      description: state.description,
    });
  }
  return { waitStates, terminalStates };
}

function checkReferences(
  choreography: Choreography,
  model: ChoreographyModel,
  issues: ChoreographyIssue[]
): void {
  const known = Object.keys(choreography.states);
  const unknown = (name: string) => `unknown state "${name}" (states: ${known.join(', ')})`;
  if (!known.includes(choreography.start.next))
    issues.push({ path: 'start.next', reason: unknown(choreography.start.next) });
  else if (!model.waitStates.some((state) => state.name === choreography.start.next)) {
    issues.push({
      path: 'start.next',
      reason: 'must be a waiting state (a workflow that ends at once needs no monitor)',
    });
  }
  checkCondition(choreography.start.detail, 'start.detail', issues);
  // The diagram draws every timeout as an edge to a shared `Stuck` node.
  if (known.includes('Stuck'))
    issues.push({ path: 'states.Stuck', reason: '"Stuck" is reserved for timed-out workflows' });
  for (const state of model.waitStates) {
    const unconditional = new Set<string>();
    state.on.forEach((transition, index) => {
      const at = `states.${state.name}.on[${index}]`;
      if (!known.includes(transition.next))
        issues.push({ path: `${at}.next`, reason: unknown(transition.next) });
      if (transition.event === choreography.start.event) {
        issues.push({
          path: `${at}.event`,
          reason: `"${transition.event}" is the start event; it cannot also be a transition`,
        });
      }
      if (unconditional.has(transition.event)) {
        issues.push({
          path: `${at}`,
          reason: `never taken: an earlier transition on "${transition.event}" has no detail conditions`,
        });
      }
      if (transition.detail === undefined) unconditional.add(transition.event);
      checkCondition(transition.detail, `${at}.detail`, issues);
    });
  }
}

function checkReachability(model: ChoreographyModel, issues: ChoreographyIssue[]): void {
  if (!model.terminalStates.some((state) => state.outcome === 'success')) {
    issues.push({ path: 'states', reason: 'expected at least one state with outcome: success' });
  }
  const reachable = reachableFrom(model, model.start.next);
  reachable.add(model.start.next);
  for (const state of [...model.waitStates, ...model.terminalStates]) {
    if (!reachable.has(state.name))
      issues.push({
        path: `states.${state.name}`,
        reason: `unreachable from the start state ${model.start.next}`,
      });
  }
}

/**
 * Validates a choreography declaration (already parsed from YAML/JSON) and returns its model. Every
 * problem is collected — schema, unknown or unreachable states, missing SLAs, detail conditions ASL
 * cannot express — and thrown at once as a {@link ChoreographyValidationError} naming `file`.
 *
 * @example
 * const model = validateChoreography(yaml.parse(text), 'choreographies/order.yml');
 */
export function validateChoreography(value: unknown, file: string): ChoreographyModel {
  const parsed = ChoreographySchema.safeParse(value, { reportInput: true });
  if (!parsed.success) throw new ChoreographyValidationError(file, zodIssues(parsed.error, value));
  const choreography = parsed.data;
  const issues: ChoreographyIssue[] = [];
  const { waitStates, terminalStates } = splitStates(choreography, issues);
  const model: ChoreographyModel = {
    name: choreography.name,
    description: choreography.description,
    eventBus: choreography.eventBus,
    sources: choreography.sources,
    correlationIdPath: choreography.correlationIdPath.replace(/^\$\./, ''),
    retentionDays: choreography.retentionDays,
    start: choreography.start,
    waitStates,
    terminalStates,
  };
  checkReferences(choreography, model, issues);
  if (issues.length === 0) checkReachability(model, issues);
  if (issues.length > 0) throw new ChoreographyValidationError(file, issues);
  return model;
}

/**
 * Parses a choreography file's text (YAML, which includes JSON) and validates it. YAML syntax errors
 * are reported with their line and column.
 *
 * @example
 * const model = parseChoreography(readFileSync(file, 'utf8'), file);
 */
export function parseChoreography(text: string, file: string): ChoreographyModel {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter });
  const [first] = document.errors;
  if (first !== undefined) {
    const { line, col } = lineCounter.linePos(first.pos[0]);
    throw new ChoreographyValidationError(file, [
      { path: '', reason: `line ${line}, column ${col}: ${first.message.split('\n')[0]}` },
    ]);
  }
  return validateChoreography(document.toJS(), file);
}
