import { randomUUID } from 'node:crypto';
import { LocalCloudError } from '../errors';
import type { AwsClients } from '../router/aws-clients';
import type { EventRouter } from '../router/event-router';
import { createBucket } from './create-data-resources';
import { requireBus } from './create-event-resources';
import type { FunctionDefinition } from './load-service';

type Props = Record<string, unknown>;

/** What wiring one function event produced, for the summary. */
export interface WiredEvent {
  function: string;
  kind: string;
  detail: string;
}

interface WireContext {
  clients: AwsClients;
  router: EventRouter;
  region: string;
  accountId: string;
  resolve(value: unknown, where: string): unknown;
}

const asProps = (value: unknown): Props =>
  value !== null && typeof value === 'object' ? (value as Props) : {};
const isDisabled = (event: Props) => event.enabled === false;

function targetOptions(event: Props) {
  const transformer = asProps(event.inputTransformer);
  return {
    ...(event.input === undefined
      ? {}
      : { Input: typeof event.input === 'string' ? event.input : JSON.stringify(event.input) }),
    ...(event.inputPath === undefined ? {} : { InputPath: String(event.inputPath) }),
    ...(event.inputTransformer === undefined
      ? {}
      : {
          InputTransformer: {
            InputPathsMap: transformer.inputPathsMap as Record<string, string>,
            InputTemplate: String(transformer.inputTemplate),
          },
        }),
    ...(event.deadLetterQueueArn === undefined
      ? {}
      : { DeadLetterConfig: { Arn: String(event.deadLetterQueueArn) } }),
  };
}

async function wireOne(
  context: WireContext,
  fn: FunctionDefinition,
  kind: string,
  raw: unknown,
  index: number
): Promise<string> {
  const { router } = context;
  const event = asProps(typeof raw === 'string' ? { arn: raw, rate: raw, bucket: raw, topicName: raw } : raw);
  const functionArn = `arn:aws:lambda:${context.region}:${context.accountId}:function:${fn.name}`;
  if (kind === 'eventBridge') {
    const bus = event.eventBus === undefined ? undefined : String(event.eventBus);
    // serverless creates a bus given by name; an ARN must name an existing bus.
    if (bus !== undefined && !bus.startsWith('arn:')) router.eventBridge.ensureEventBus(bus);
    requireBus(router, bus, `function ${fn.key}`);
    const name = String(event.name ?? `${fn.name}-rule-${index + 1}`).slice(0, 64);
    router.eventBridge.putRule({
      Name: name,
      EventBusName: bus,
      EventPattern: event.pattern === undefined ? undefined : JSON.stringify(event.pattern),
      ScheduleExpression: event.schedule === undefined ? undefined : String(event.schedule),
      State: isDisabled(event) ? 'DISABLED' : 'ENABLED',
    });
    router.eventBridge.putTargets(name, bus, [
      { Id: `${fn.key}-target`.slice(0, 64), Arn: functionArn, ...targetOptions(event) },
    ]);
    return `rule ${name} on ${bus ?? 'default'}`;
  }
  if (kind === 'schedule') {
    const rates = Array.isArray(event.rate) ? event.rate.map(String) : [String(event.rate)];
    const names = rates.map((rate, i) => {
      const name = String(
        event.name ?? `${fn.name}-schedule-${index + 1}${rates.length > 1 ? `-${i + 1}` : ''}`
      ).slice(0, 64);
      router.eventBridge.putRule({
        Name: name,
        ScheduleExpression: rate,
        State: isDisabled(event) ? 'DISABLED' : 'ENABLED',
      });
      router.eventBridge.putTargets(name, undefined, [
        { Id: `${fn.key}-schedule`.slice(0, 64), Arn: functionArn, ...targetOptions(event) },
      ]);
      return `${name} ${rate}`;
    });
    return names.join(', ');
  }
  if (kind === 'sqs') {
    if (isDisabled(event)) return 'disabled';
    router.addSqsEventSource({
      queueArn: String(event.arn),
      functionName: fn.name,
      batchSize: event.batchSize === undefined ? undefined : Number(event.batchSize),
      reportBatchItemFailures: event.functionResponseType === 'ReportBatchItemFailures',
      filterPatterns: Array.isArray(event.filterPatterns) ? event.filterPatterns : undefined,
      maximumConcurrency:
        event.maximumConcurrency === undefined ? undefined : Number(event.maximumConcurrency),
    });
    return String(event.arn);
  }
  if (kind === 'stream') {
    if (isDisabled(event) || (event.type !== undefined && event.type !== 'dynamodb'))
      return `skipped (${String(event.type)})`;
    const onFailure = asProps(event.destinations).onFailure;
    await router.addStreamEventSource({
      streamArn: String(event.arn),
      functionName: fn.name,
      batchSize: event.batchSize === undefined ? undefined : Number(event.batchSize),
      startingPosition: event.startingPosition === 'TRIM_HORIZON' ? 'TRIM_HORIZON' : 'LATEST',
      maximumRetryAttempts:
        event.maximumRetryAttempts === undefined ? undefined : Number(event.maximumRetryAttempts),
      reportBatchItemFailures: event.functionResponseType === 'ReportBatchItemFailures',
      filterPatterns: Array.isArray(event.filterPatterns) ? event.filterPatterns : undefined,
      onFailureArn:
        onFailure === undefined
          ? undefined
          : String(typeof onFailure === 'string' ? onFailure : asProps(onFailure).arn),
    });
    return String(event.arn);
  }
  if (kind === 's3') {
    const bucket = String(event.bucket);
    if (event.existing !== true) await createBucket(context.clients, bucket);
    const rules = (Array.isArray(event.rules) ? event.rules : [])
      .map(asProps)
      .flatMap((rule) => Object.entries(rule).map(([name, value]) => ({ Name: name, Value: String(value) })));
    const current = router.getBucketNotification(bucket);
    router.putBucketNotification(bucket, {
      ...current,
      LambdaFunctionConfigurations: [
        ...(current.LambdaFunctionConfigurations ?? []),
        {
          Id: randomUUID(),
          LambdaFunctionArn: functionArn,
          Events: [String(event.event ?? 's3:ObjectCreated:*')],
          Filter: { Key: { FilterRules: rules } },
        },
      ],
    });
    return bucket;
  }
  if (kind === 'sns') {
    const given = String(event.arn ?? event.topicName);
    const topicArn = given.startsWith('arn:')
      ? given
      : `arn:aws:sns:${context.region}:${context.accountId}:${given}`;
    router.subscribeFunction({
      topicArn,
      functionName: fn.name,
      subscriptionArn: `${topicArn}:${randomUUID()}`,
      filterPolicy: event.filterPolicy,
      filterPolicyScope: event.filterPolicyScope === 'MessageBody' ? 'MessageBody' : undefined,
    });
    return topicArn;
  }
  return 'skipped (not an event local-cloud routes)';
}

/**
 * Wires a service's function events into the router: `eventBridge` and `schedule` rules, `sqs` and
 * `stream` event sources, `s3` notifications and `sns` subscriptions. Other events (http...) are skipped.
 *
 * @example
 * await wireFunctionEvents(context, service.functions);
 */
export async function wireFunctionEvents(
  context: WireContext,
  functions: FunctionDefinition[]
): Promise<WiredEvent[]> {
  const wired: WiredEvent[] = [];
  for (const fn of functions) {
    for (const [index, raw] of fn.events.entries()) {
      const [kind, value] = Object.entries(asProps(raw))[0] ?? [];
      if (kind === undefined) throw new LocalCloudError(`function ${fn.key}: event ${index} is empty`);
      const resolved = context.resolve(value, `functions.${fn.key}.events.${index}.${kind}`);
      wired.push({ function: fn.name, kind, detail: await wireOne(context, fn, kind, resolved, index) });
    }
  }
  return wired;
}
