import {
  asList,
  type CfnResource,
  isRecord,
  ofType,
  referencedIds,
  render,
  type Violation,
} from './cfn-template';

/** Principals that invoke Lambda asynchronously (Lambda's own retries, then the on-failure destination). */
const ASYNC_PRINCIPALS = new Set([
  'events.amazonaws.com',
  'sns.amazonaws.com',
  's3.amazonaws.com',
  'scheduler.amazonaws.com',
  'logs.amazonaws.com',
  'iot.amazonaws.com',
  'ses.amazonaws.com',
]);

function functionIds(resources: Record<string, CfnResource>, value: unknown): string[] {
  return referencedIds(value).filter((id) => resources[id]?.Type === 'AWS::Lambda::Function');
}

/** Functions whose failed asynchronous invocations land somewhere (on-failure destination or DLQ). */
function functionsWithFailureDestination(resources: Record<string, CfnResource>): Set<string> {
  const covered = new Set<string>();
  for (const [id, fn] of ofType(resources, 'AWS::Lambda::Function')) {
    const dlq = fn.Properties?.DeadLetterConfig;
    if (isRecord(dlq) && dlq.TargetArn !== undefined) covered.add(id);
  }
  for (const [, config] of ofType(resources, 'AWS::Lambda::EventInvokeConfig')) {
    const destination = config.Properties?.DestinationConfig;
    const onFailure = isRecord(destination) ? destination.OnFailure : undefined;
    if (isRecord(onFailure) && onFailure.Destination !== undefined) {
      for (const id of functionIds(resources, config.Properties?.FunctionName)) covered.add(id);
    }
  }
  return covered;
}

/** Functions something invokes asynchronously: rule/schedule targets, SNS and S3 notifications, async permissions. */
function asyncInvokedFunctions(resources: Record<string, CfnResource>): Map<string, string> {
  const invoked = new Map<string, string>();
  const mark = (value: unknown, by: string) => {
    for (const id of functionIds(resources, value)) if (!invoked.has(id)) invoked.set(id, by);
  };
  for (const [id, rule] of ofType(resources, 'AWS::Events::Rule')) {
    for (const target of asList(rule.Properties?.Targets))
      if (isRecord(target)) mark(target.Arn, `rule ${id}`);
  }
  for (const [id, schedule] of ofType(resources, 'AWS::Scheduler::Schedule')) {
    const target = schedule.Properties?.Target;
    if (isRecord(target)) mark(target.Arn, `schedule ${id}`);
  }
  for (const [id, subscription] of ofType(resources, 'AWS::SNS::Subscription')) {
    if (subscription.Properties?.Protocol === 'lambda')
      mark(subscription.Properties?.Endpoint, `subscription ${id}`);
  }
  for (const [id, permission] of ofType(resources, 'AWS::Lambda::Permission')) {
    const principal = render(permission.Properties?.Principal);
    if (ASYNC_PRINCIPALS.has(principal)) mark(permission.Properties?.FunctionName, `${principal} (${id})`);
  }
  return invoked;
}

/**
 * Nothing asynchronous drops a failed message: SQS event-source queues have a redrive policy, stream
 * event sources an on-failure destination, every EventBridge rule/schedule target a DLQ (a Lambda target
 * may instead rely on the function's on-failure destination), and every asynchronously invoked function an
 * on-failure destination or DLQ.
 */
export function checkAsyncPaths(resources: Record<string, CfnResource>): Violation[] {
  const violations: Violation[] = [];
  const add = (resource: string, detail: string, fix: string) =>
    violations.push({ resource, rule: 'dlq-on-async-paths', detail, fix });
  const covered = functionsWithFailureDestination(resources);

  for (const [id, mapping] of ofType(resources, 'AWS::Lambda::EventSourceMapping')) {
    const source = mapping.Properties?.EventSourceArn;
    const sourceIds = referencedIds(source);
    const queueId = sourceIds.find((ref) => resources[ref]?.Type === 'AWS::SQS::Queue');
    if (queueId !== undefined) {
      if (resources[queueId]?.Properties?.RedrivePolicy === undefined)
        add(
          queueId,
          `event-source queue of ${id} has no RedrivePolicy`,
          'RedrivePolicy { deadLetterTargetArn, maxReceiveCount }'
        );
      continue;
    }
    const isStream =
      sourceIds.some((ref) => resources[ref]?.Type === 'AWS::DynamoDB::Table') ||
      /:(dynamodb|kinesis):/.test(render(source));
    const destination = mapping.Properties?.DestinationConfig;
    const onFailure = isRecord(destination) ? destination.OnFailure : undefined;
    if (isStream && !(isRecord(onFailure) && onFailure.Destination !== undefined))
      add(
        id,
        'stream event source without an on-failure destination',
        'destinations.onFailure (SQS/SNS) on the stream event, with maximumRetryAttempts'
      );
  }

  const targetsOf = (id: string, kind: string, targets: unknown[]) => {
    for (const target of targets) {
      if (!isRecord(target)) continue;
      const dlq = target.DeadLetterConfig;
      if (isRecord(dlq) && dlq.Arn !== undefined) continue;
      const lambdas = functionIds(resources, target.Arn);
      if (lambdas.length > 0 && lambdas.every((fn) => covered.has(fn))) continue;
      add(
        id,
        `${kind} target ${render(target.Id ?? target.Arn)} without DeadLetterConfig`,
        'DeadLetterConfig { Arn: <SQS DLQ> } on the target (plus a queue policy for events.amazonaws.com)'
      );
    }
  };
  for (const [id, rule] of ofType(resources, 'AWS::Events::Rule'))
    targetsOf(id, 'rule', asList(rule.Properties?.Targets));
  for (const [id, schedule] of ofType(resources, 'AWS::Scheduler::Schedule'))
    targetsOf(id, 'schedule', asList(schedule.Properties?.Target));

  for (const [fn, by] of asyncInvokedFunctions(resources)) {
    if (!covered.has(fn))
      add(
        fn,
        `invoked asynchronously by ${by} without an on-failure destination or DLQ`,
        'destinations.onFailure (SQS) on the function, or its DeadLetterConfig'
      );
  }
  return violations;
}
