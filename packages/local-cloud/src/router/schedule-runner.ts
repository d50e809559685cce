import { randomUUID } from 'node:crypto';
import type { EventBusRegistry, Rule } from './event-bus-registry';
import { formatEventTime } from './eventbridge-envelope';
import type { EventBridgeEnvelope } from './eventbridge-schemas';
import { nextFireTime, parseScheduleExpression, type ScheduleExpression } from './schedule-expression';

/** One schedule firing: the rule and the scheduled time. */
export interface ScheduledFire {
  ruleArn: string;
  ruleName: string;
  time: Date;
  event: EventBridgeEnvelope;
}

interface Tracked {
  expression: string;
  schedule: ScheduleExpression;
  anchor: Date;
}

// Ticking far ahead must not flood the router: a rate(1 minute) rule fires at most this often per tick.
const MAX_FIRES_PER_RULE = 1000;

/**
 * Fires schedule rules against a controllable clock: `tick(now)` fires every occurrence in
 * (previous tick, now], each as EventBridge's `Scheduled Event`, so tests decide when time passes.
 *
 * @example
 * const runner = new ScheduleRunner(registry, scope, new Date('2024-01-01T00:00:00Z'));
 * runner.tick(new Date('2024-01-01T00:10:00Z')) // two fires of a rate(5 minutes) rule
 */
export class ScheduleRunner {
  private readonly tracked = new Map<string, Tracked>();
  private lastTick: Date;

  constructor(
    private readonly registry: EventBusRegistry,
    private readonly scope: { region: string; accountId: string },
    start: Date
  ) {
    this.lastTick = start;
  }

  get now(): Date {
    return this.lastTick;
  }

  /** Fires due schedules up to `now` and returns them in time order. */
  tick(now: Date): ScheduledFire[] {
    const from = this.lastTick;
    if (now <= from) return [];
    this.lastTick = now;
    const fires: ScheduledFire[] = [];
    for (const rule of this.registry.scheduledRules()) {
      const tracked = this.track(rule, from);
      let next = nextFireTime(tracked.schedule, from, tracked.anchor);
      for (let count = 0; next !== undefined && next <= now && count < MAX_FIRES_PER_RULE; count += 1) {
        fires.push({
          ruleArn: rule.Arn,
          ruleName: rule.Name,
          time: next,
          event: this.scheduledEvent(rule, next),
        });
        next = nextFireTime(tracked.schedule, next, tracked.anchor);
      }
    }
    return fires.sort((a, b) => a.time.getTime() - b.time.getTime());
  }

  private track(rule: Rule, now: Date): Tracked {
    const expression = rule.ScheduleExpression ?? '';
    const existing = this.tracked.get(rule.Arn);
    if (existing !== undefined && existing.expression === expression) return existing;
    // A rate counts from when the rule appeared (AWS: from rule creation).
    const tracked = { expression, schedule: parseScheduleExpression(expression), anchor: now };
    this.tracked.set(rule.Arn, tracked);
    return tracked;
  }

  private scheduledEvent(rule: Rule, time: Date): EventBridgeEnvelope {
    return {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: this.scope.accountId,
      time: formatEventTime(time),
      region: this.scope.region,
      resources: [rule.Arn],
      detail: {},
    };
  }
}
