import { compilePattern, compilePatternSet, type PatternSet } from '@vigil/event-patterns';
import { AwsApiError } from '../errors';
import type { PutRuleRequest, RuleTarget } from './eventbridge-schemas';
import { parseScheduleExpression } from './schedule-expression';

/** A rule on a bus: an event pattern or a schedule, and up to five targets. */
export interface Rule {
  Name: string;
  Arn: string;
  EventBusName: string;
  EventPattern?: string | undefined;
  ScheduleExpression?: string | undefined;
  State: 'ENABLED' | 'DISABLED';
  Description?: string | undefined;
  targets: Map<string, RuleTarget>;
}

interface Bus {
  name: string;
  arn: string;
  rules: Map<string, Rule>;
  patterns?: PatternSet | undefined;
}

/** `arn:aws:events:r:a:event-bus/name` or a name → the name; absent → `default`. */
export function busNameOf(nameOrArn: string | undefined): string {
  if (nameOrArn === undefined || nameOrArn === '') return 'default';
  const match = /^arn:aws[\w-]*:events:[^:]*:[^:]*:event-bus\/(.+)$/.exec(nameOrArn);
  return match?.[1] ?? nameOrArn;
}

/**
 * EventBridge buses, rules and targets, with each bus's patterns compiled into one indexed set.
 *
 * @example
 * const registry = new EventBusRegistry({ region: 'us-east-1', accountId: '000000000000' });
 * registry.putRule({ Name: 'r', EventPattern: JSON.stringify({ source: ['x'] }) });
 */
export class EventBusRegistry {
  private readonly buses = new Map<string, Bus>();

  constructor(private readonly scope: { region: string; accountId: string }) {
    this.createEventBus('default');
  }

  createEventBus(name: string): { EventBusArn: string } {
    if (this.buses.has(name))
      throw new AwsApiError('ResourceAlreadyExistsException', `Event bus ${name} already exists.`);
    const arn = `arn:aws:events:${this.scope.region}:${this.scope.accountId}:event-bus/${name}`;
    this.buses.set(name, { name, arn, rules: new Map() });
    return { EventBusArn: arn };
  }

  /** Idempotent variant for resources created from templates. */
  ensureEventBus(name: string): string {
    return this.buses.get(name)?.arn ?? this.createEventBus(name).EventBusArn;
  }

  deleteEventBus(name: string): void {
    if (name === 'default') throw new AwsApiError('ValidationException', 'Cannot delete event bus default.');
    this.buses.delete(name);
  }

  getBus(nameOrArn: string | undefined): Bus {
    const name = busNameOf(nameOrArn);
    const bus = this.buses.get(name);
    if (bus === undefined)
      throw new AwsApiError('ResourceNotFoundException', `Event bus ${name} does not exist.`);
    return bus;
  }

  hasBus(nameOrArn: string | undefined): boolean {
    return this.buses.has(busNameOf(nameOrArn));
  }

  listBuses(prefix = ''): { Name: string; Arn: string }[] {
    return [...this.buses.values()]
      .filter((bus) => bus.name.startsWith(prefix))
      .map((b) => ({ Name: b.name, Arn: b.arn }));
  }

  putRule(request: PutRuleRequest): { RuleArn: string } {
    const bus = this.getBus(request.EventBusName);
    if (request.EventPattern === undefined && request.ScheduleExpression === undefined) {
      throw new AwsApiError(
        'ValidationException',
        'Parameter(s) EventPattern or ScheduleExpression must be specified.'
      );
    }
    if (request.ScheduleExpression !== undefined && bus.name !== 'default') {
      throw new AwsApiError(
        'ValidationException',
        'ScheduleExpression is supported only on the default event bus.'
      );
    }
    if (request.EventPattern !== undefined) validatePattern(request.EventPattern);
    if (request.ScheduleExpression !== undefined) validateSchedule(request.ScheduleExpression);
    const arn =
      bus.name === 'default'
        ? `arn:aws:events:${this.scope.region}:${this.scope.accountId}:rule/${request.Name}`
        : `arn:aws:events:${this.scope.region}:${this.scope.accountId}:rule/${bus.name}/${request.Name}`;
    const existing = bus.rules.get(request.Name);
    bus.rules.set(request.Name, {
      Name: request.Name,
      Arn: arn,
      EventBusName: bus.name,
      EventPattern: request.EventPattern,
      ScheduleExpression: request.ScheduleExpression,
      State: request.State === 'DISABLED' ? 'DISABLED' : 'ENABLED',
      Description: request.Description,
      targets: existing?.targets ?? new Map(),
    });
    bus.patterns = undefined;
    return { RuleArn: arn };
  }

  getRule(name: string, busNameOrArn?: string): Rule {
    const rule = this.getBus(busNameOrArn).rules.get(name);
    if (rule === undefined)
      throw new AwsApiError('ResourceNotFoundException', `Rule ${name} does not exist.`);
    return rule;
  }

  deleteRule(name: string, busNameOrArn?: string): void {
    const bus = this.getBus(busNameOrArn);
    const rule = bus.rules.get(name);
    if (rule !== undefined && rule.targets.size > 0) {
      throw new AwsApiError('ValidationException', "Rule can't be deleted since it has targets.");
    }
    bus.rules.delete(name);
    bus.patterns = undefined;
  }

  setRuleState(name: string, busNameOrArn: string | undefined, state: 'ENABLED' | 'DISABLED'): void {
    this.getRule(name, busNameOrArn).State = state;
    this.getBus(busNameOrArn).patterns = undefined;
  }

  listRules(busNameOrArn?: string, prefix = ''): Rule[] {
    return [...this.getBus(busNameOrArn).rules.values()].filter((rule) => rule.Name.startsWith(prefix));
  }

  putTargets(ruleName: string, busNameOrArn: string | undefined, targets: RuleTarget[]): void {
    const rule = this.getRule(ruleName, busNameOrArn);
    if (rule.targets.size + targets.filter((t) => !rule.targets.has(t.Id)).length > 5) {
      throw new AwsApiError(
        'LimitExceededException',
        'The requested resource exceeds the maximum number allowed.'
      );
    }
    for (const target of targets) rule.targets.set(target.Id, target);
  }

  removeTargets(ruleName: string, busNameOrArn: string | undefined, ids: string[]): void {
    const rule = this.getRule(ruleName, busNameOrArn);
    for (const id of ids) rule.targets.delete(id);
  }

  /** Enabled pattern rules on the bus that match the event, in creation order. */
  matchRules(busNameOrArn: string | undefined, event: unknown): Rule[] {
    const bus = this.getBus(busNameOrArn);
    if (bus.patterns === undefined) {
      const entries = [...bus.rules.values()]
        .filter((rule) => rule.State === 'ENABLED' && rule.EventPattern !== undefined)
        .map((rule) => ({ id: rule.Name, pattern: JSON.parse(rule.EventPattern ?? '{}') as unknown }));
      bus.patterns = compilePatternSet(entries);
    }
    return bus.patterns.match(event).flatMap((name) => bus.rules.get(name) ?? []);
  }

  /** Enabled schedule rules across buses. */
  scheduledRules(): Rule[] {
    return [...this.buses.values()].flatMap((bus) =>
      [...bus.rules.values()].filter(
        (rule) => rule.State === 'ENABLED' && rule.ScheduleExpression !== undefined
      )
    );
  }
}

function validatePattern(pattern: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(pattern);
  } catch {
    throw new AwsApiError(
      'InvalidEventPatternException',
      'Event pattern is not valid. Reason: not valid JSON'
    );
  }
  try {
    compilePattern(parsed);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AwsApiError('InvalidEventPatternException', `Event pattern is not valid. Reason: ${reason}`);
  }
}

function validateSchedule(expression: string): void {
  try {
    parseScheduleExpression(expression);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AwsApiError('ValidationException', `Parameter ScheduleExpression is not valid. ${reason}`);
  }
}
