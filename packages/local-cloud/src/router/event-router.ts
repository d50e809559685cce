import { AwsApiError, LocalCloudError } from '../errors';
import type { Fauxqs, S3Change, SnsPublish } from '../fauxqs/start-fauxqs';
import type { AwsClients } from './aws-clients';
import { type DeliveryContext, deliverToTarget, sendToTargetDlq } from './deliver-to-target';
import { type Delivery, DeliveryLog } from './delivery-log';
import { DynamoDbStreamSource, type StreamEventSourceMapping } from './dynamodb-stream-source';
import { EventBusRegistry, type Rule } from './event-bus-registry';
import { buildEnvelope } from './eventbridge-envelope';
import type { EventBridgeEnvelope, PutEventsEntry } from './eventbridge-schemas';
import type { LambdaInvoker } from './lambda-invoker';
import {
  type BucketNotificationConfiguration,
  dispatchesFor,
  readObjectFacts,
  s3EventBridgeEntry,
  s3NotificationEvent,
} from './s3-notifications';
import { type ScheduledFire, ScheduleRunner } from './schedule-runner';
import { type SnsLambdaSubscription, snsLambdaEvent, subscriptionFilter } from './sns-lambda-subscription';
import { SqsEventSource, type SqsEventSourceMapping } from './sqs-event-source';
import { targetInput } from './target-input';

/** PutEvents' answer, as EventBridge returns it. */
export interface PutEventsResult {
  FailedEntryCount: number;
  Entries: ({ EventId: string } | { ErrorCode: string; ErrorMessage: string })[];
}

export interface EventRouterOptions {
  clients: AwsClients;
  invoker: LambdaInvoker;
  fauxqs: Pick<Fauxqs, 'onS3Change' | 'onSnsPublish'>;
  region: string;
  accountId: string;
  /** Start of the schedule clock (default: now). */
  clockStart?: Date | undefined;
}

/**
 * The event router: EventBridge buses/rules/targets, S3 notifications, SNS → Lambda subscriptions,
 * SQS and DynamoDB stream event sources, and schedules on a clock tests control with `tick`.
 * Deliveries are asynchronous as in AWS; await them with `settled()` or `deliveries.waitFor(...)`.
 *
 * @example
 * await router.putEvents([{ Source: 'vigil.test', DetailType: 'Ping', Detail: '{}' }]);
 * await router.settled();
 */
export class EventRouter {
  readonly eventBridge: EventBusRegistry;
  readonly deliveries = new DeliveryLog();
  private readonly scheduler: ScheduleRunner;
  private readonly notifications = new Map<string, BucketNotificationConfiguration>();
  private readonly snsSubscriptions: {
    subscription: SnsLambdaSubscription;
    matches: (p: SnsPublish) => boolean;
  }[] = [];
  private readonly sources: (SqsEventSource | DynamoDbStreamSource)[] = [];
  private readonly pending = new Set<Promise<void>>();
  private readonly context: DeliveryContext;
  private sequencer = 0;
  private clock: NodeJS.Timeout | undefined;

  constructor(private readonly options: EventRouterOptions) {
    const scope = { region: options.region, accountId: options.accountId };
    this.eventBridge = new EventBusRegistry(scope);
    this.scheduler = new ScheduleRunner(this.eventBridge, scope, options.clockStart ?? new Date());
    this.context = {
      clients: options.clients,
      invoker: options.invoker,
      forwardToBus: async (busArn, eventText) => {
        const event = JSON.parse(eventText) as EventBridgeEnvelope;
        await this.putEvents([
          {
            Source: event.source,
            DetailType: event['detail-type'],
            Detail: JSON.stringify(event.detail),
            Resources: event.resources,
            EventBusName: busArn,
          },
        ]);
      },
    };
    options.fauxqs.onS3Change((change) => this.track(this.onS3Change(change)));
    options.fauxqs.onSnsPublish((publish) => this.track(this.onSnsPublish(publish)));
  }

  /** EventBridge PutEvents: validates each entry, matches the bus's rules, delivers asynchronously. */
  async putEvents(entries: PutEventsEntry[]): Promise<PutEventsResult> {
    if (entries.length < 1 || entries.length > 10) {
      throw new AwsApiError(
        'ValidationException',
        `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and 10`
      );
    }
    const results = entries.map((entry): PutEventsResult['Entries'][number] => {
      try {
        const event = buildEnvelope(entry, this.options);
        const rules = this.eventBridge.matchRules(entry.EventBusName, event);
        for (const rule of rules) this.track(this.deliverToRule(rule, event, 'eventbridge'));
        return { EventId: event.id };
      } catch (error) {
        if (!(error instanceof AwsApiError)) throw error;
        return { ErrorCode: error.code, ErrorMessage: error.message };
      }
    });
    return { FailedEntryCount: results.filter((entry) => 'ErrorCode' in entry).length, Entries: results };
  }

  /** PutEvents for in-process producers (the Step Functions facade): throws when any entry fails. */
  async publishEvents(entries: PutEventsEntry[]): Promise<void> {
    const result = await this.putEvents(entries);
    const failed = result.Entries.find((entry) => 'ErrorCode' in entry);
    if (failed !== undefined && 'ErrorCode' in failed)
      throw new LocalCloudError(`PutEvents failed: ${failed.ErrorCode}: ${failed.ErrorMessage}`);
  }

  putBucketNotification(bucket: string, configuration: BucketNotificationConfiguration): void {
    this.notifications.set(bucket, configuration);
  }

  getBucketNotification(bucket: string): BucketNotificationConfiguration {
    return this.notifications.get(bucket) ?? {};
  }

  /** Subscribes a function to a topic (filter policy compiled once, here). */
  subscribeFunction(subscription: SnsLambdaSubscription): void {
    this.snsSubscriptions.push({ subscription, matches: subscriptionFilter(subscription) });
  }

  /** Starts polling a queue for a function (SQS event source mapping). */
  addSqsEventSource(mapping: SqsEventSourceMapping): void {
    const source = new SqsEventSource(mapping, {
      ...this.context,
      log: this.deliveries,
      region: this.options.region,
    });
    this.sources.push(source);
    source.start();
  }

  /** Starts reading a table's stream for a function; resolves once the shard iterators are taken. */
  async addStreamEventSource(mapping: StreamEventSourceMapping): Promise<void> {
    const source = new DynamoDbStreamSource(mapping, {
      ...this.context,
      log: this.deliveries,
      ...this.scope(),
    });
    this.sources.push(source);
    await source.start();
  }

  /** The schedule clock's current time. */
  get now(): Date {
    return this.scheduler.now;
  }

  /** Advances the schedule clock to `now`, fires what fell due and waits for those deliveries. */
  async tick(now: Date): Promise<ScheduledFire[]> {
    const fires = this.scheduler.tick(now);
    await Promise.all(
      fires.map((fire) =>
        this.deliverToRule(this.eventBridge.getRule(fire.ruleName, 'default'), fire.event, 'schedule')
      )
    );
    return fires;
  }

  /** Drives schedules from the wall clock (for `vigil local up`), checking every `intervalMs`. */
  startClock(intervalMs = 1000): void {
    this.clock ??= setInterval(() => this.track(this.tick(new Date()).then(() => undefined)), intervalMs);
  }

  /** Resolves when every delivery started so far (and those they caused) has finished. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  async stop(): Promise<void> {
    if (this.clock !== undefined) clearInterval(this.clock);
    await Promise.all(this.sources.map((source) => source.stop()));
    await this.settled();
  }

  private scope() {
    return { region: this.options.region, accountId: this.options.accountId };
  }

  private track(work: Promise<unknown>): void {
    const promise = work.then(
      () => undefined,
      () => undefined
    );
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise));
  }

  private async deliverToRule(
    rule: Rule,
    event: EventBridgeEnvelope,
    source: Delivery['source']
  ): Promise<void> {
    const eventText = JSON.stringify(event);
    await Promise.all(
      [...rule.targets.values()].map(async (target) => {
        const payload = targetInput(target, event as unknown as Record<string, unknown>, rule);
        const base = { source, from: rule.Arn, target: target.Arn, payload: parseOrText(payload) };
        try {
          await deliverToTarget(this.context, target.Arn, payload, {
            messageGroupId: target.SqsParameters?.MessageGroupId,
          });
          this.deliveries.add({ ...base, status: 'delivered' });
        } catch (error) {
          this.deliveries.add({ ...base, status: 'failed', error: String(error) });
          const dlq = target.DeadLetterConfig?.Arn;
          if (dlq !== undefined)
            await sendToTargetDlq(this.context, dlq, eventText, {
              ruleArn: rule.Arn,
              targetArn: target.Arn,
              error,
            });
        }
      })
    );
  }

  private async onS3Change(change: S3Change): Promise<void> {
    const configuration = this.notifications.get(change.bucket);
    const dispatches = configuration === undefined ? [] : dispatchesFor(configuration, change);
    if (dispatches.length === 0) return;
    this.sequencer += 1;
    const sequencer =
      `${change.at.toString(16)}${this.sequencer.toString(16).padStart(8, '0')}`.toUpperCase();
    const facts = await readObjectFacts(this.options.clients.s3, change, sequencer);
    await Promise.all(
      dispatches.map(async (dispatch) => {
        const scope = { region: this.options.region, configurationId: dispatch.configurationId };
        const event = s3NotificationEvent(change, facts, scope);
        const base = { source: 's3' as const, from: change.bucket, target: dispatch.arn, payload: event };
        try {
          if (dispatch.kind === 'eventbridge') {
            await this.publishEvents([s3EventBridgeEntry(change, facts, this.options.accountId)]);
          } else {
            const subject = 'Amazon S3 Notification';
            await deliverToTarget(this.context, dispatch.arn, JSON.stringify(event), { subject });
          }
          this.deliveries.add({ ...base, status: 'delivered' });
        } catch (error) {
          this.deliveries.add({ ...base, status: 'failed', error: String(error) });
        }
      })
    );
  }

  private async onSnsPublish(publish: SnsPublish): Promise<void> {
    const subscriptions = this.snsSubscriptions.filter(
      (s) => s.subscription.topicArn === publish.topicArn && s.matches(publish)
    );
    await Promise.all(
      subscriptions.map(async ({ subscription }) => {
        const event = snsLambdaEvent(publish, subscription.subscriptionArn);
        const { region, accountId } = this.options;
        const arn = `arn:aws:lambda:${region}:${accountId}:function:${subscription.functionName}`;
        const base = {
          source: 'sns' as const,
          from: publish.topicArn,
          target: subscription.functionName,
          payload: event,
        };
        try {
          await deliverToTarget(this.context, arn, JSON.stringify(event));
          this.deliveries.add({ ...base, status: 'delivered' });
        } catch (error) {
          this.deliveries.add({ ...base, status: 'failed', error: String(error) });
        }
      })
    );
  }
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
