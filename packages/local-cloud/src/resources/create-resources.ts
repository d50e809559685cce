import type { AwsClients } from '../router/aws-clients';
import type { EventRouter } from '../router/event-router';
import {
  createBucket,
  createQueue,
  createTable,
  createTopic,
  subscribe,
  toNotificationConfiguration,
} from './create-data-resources';
import { createRule, createStateMachine } from './create-event-resources';
import { loadService, type ServiceDefinition } from './load-service';
import { physicalName, type TemplateResource } from './resource-identity';
import { TemplateResolver } from './template-resolver';
import { type WiredEvent, wireFunctionEvents } from './wire-function-events';

/** What `createResources` made, by kind (physical names), and what it left out. */
export interface CreatedResources {
  service: string;
  stage: string;
  tables: string[];
  buckets: string[];
  queues: string[];
  topics: string[];
  eventBuses: string[];
  rules: string[];
  stateMachines: string[];
  subscriptions: string[];
  functionEvents: WiredEvent[];
  /** Resources local-cloud has no local counterpart for (IAM, policies, alarms...). */
  skipped: { logicalId: string; type: string }[];
}

export interface CreateResourcesContext {
  clients: AwsClients;
  router: EventRouter;
  region: string;
  accountId: string;
  params?: Record<string, unknown> | undefined;
}

const HANDLED_TYPES = new Set([
  'AWS::DynamoDB::Table',
  'AWS::SQS::Queue',
  'AWS::SNS::Topic',
  'AWS::SNS::Subscription',
  'AWS::Events::EventBus',
  'AWS::S3::Bucket',
  'AWS::StepFunctions::StateMachine',
  'AWS::Events::Rule',
  'AWS::Lambda::Function',
]);

function ofType(
  service: ServiceDefinition,
  type: string,
  resolver: TemplateResolver
): [string, TemplateResource][] {
  return Object.entries(service.resources).filter(
    ([logicalId, resource]) =>
      resource.Type === type &&
      (resource.Condition === undefined || resolver.condition(resource.Condition, `${logicalId}.Condition`))
  );
}

/**
 * Creates a service's resources from its serverless.yml — `AWS::DynamoDB::Table`, `AWS::S3::Bucket`
 * (with notifications), `AWS::SQS::Queue`, `AWS::SNS::Topic`/`Subscription`, `AWS::Events::EventBus`/`Rule`,
 * `AWS::StepFunctions::StateMachine` — then wires its functions' events into the router. Safe to run
 * again on the same state (existing resources are kept).
 *
 * @example
 * const created = await createResources('/repo/services/platform', 'dev', context);
 */
export async function createResources(
  serviceDir: string,
  stage: string,
  context: CreateResourcesContext
): Promise<CreatedResources> {
  const service = loadService(serviceDir, {
    stage,
    region: context.region,
    accountId: context.accountId,
    params: context.params,
  });
  const scope = {
    stackName: service.stackName,
    region: service.region,
    accountId: context.accountId,
    fauxqsUrl: context.clients.fauxqsUrl,
  };
  const streamArns = new Map<string, string>();
  const resolver = new TemplateResolver(
    { Resources: service.resources, Conditions: service.conditions, Mappings: service.mappings },
    scope,
    (logicalId, attribute) => (attribute === 'StreamArn' ? streamArns.get(logicalId) : undefined)
  );
  const props = (logicalId: string, resource: TemplateResource) =>
    (resolver.resolve(resource.Properties ?? {}, logicalId) ?? {}) as Record<string, unknown>;
  const nameOf = (logicalId: string, resource: TemplateResource) =>
    physicalName(logicalId, { ...resource, Properties: props(logicalId, resource) }, scope);
  const created: CreatedResources = {
    service: service.service,
    stage,
    tables: [],
    buckets: [],
    queues: [],
    topics: [],
    eventBuses: [],
    rules: [],
    stateMachines: [],
    subscriptions: [],
    functionEvents: [],
    skipped: [],
  };

  for (const [logicalId, resource] of ofType(service, 'AWS::DynamoDB::Table', resolver)) {
    const name = nameOf(logicalId, resource);
    const streamArn = await createTable(context.clients, { ...props(logicalId, resource), TableName: name });
    if (streamArn !== undefined) streamArns.set(logicalId, streamArn);
    created.tables.push(name);
  }
  // Dead-letter queues first: a RedrivePolicy must point at an existing queue.
  const queues = ofType(service, 'AWS::SQS::Queue', resolver).sort(
    ([, a], [, b]) =>
      Number(a.Properties?.RedrivePolicy !== undefined) - Number(b.Properties?.RedrivePolicy !== undefined)
  );
  for (const [logicalId, resource] of queues) {
    const name = nameOf(logicalId, resource);
    await createQueue(context.clients, name, props(logicalId, resource));
    created.queues.push(name);
  }
  for (const [logicalId, resource] of ofType(service, 'AWS::SNS::Topic', resolver)) {
    created.topics.push(
      await createTopic(
        context.clients,
        context.router,
        nameOf(logicalId, resource),
        props(logicalId, resource)
      )
    );
  }
  for (const [logicalId, resource] of ofType(service, 'AWS::SNS::Subscription', resolver)) {
    const properties = props(logicalId, resource);
    const arn = await subscribe(context.clients, context.router, properties);
    if (arn === undefined)
      created.skipped.push({ logicalId, type: `${resource.Type} (${String(properties.Protocol)})` });
    else created.subscriptions.push(arn);
  }
  for (const [logicalId, resource] of ofType(service, 'AWS::Events::EventBus', resolver)) {
    const name = nameOf(logicalId, resource);
    context.router.eventBridge.ensureEventBus(name);
    created.eventBuses.push(name);
  }
  for (const [logicalId, resource] of ofType(service, 'AWS::S3::Bucket', resolver)) {
    const name = nameOf(logicalId, resource);
    await createBucket(context.clients, name);
    const notifications = props(logicalId, resource).NotificationConfiguration as
      | Record<string, unknown>
      | undefined;
    context.router.putBucketNotification(name, toNotificationConfiguration(notifications));
    created.buckets.push(name);
  }
  for (const [logicalId, resource] of ofType(service, 'AWS::StepFunctions::StateMachine', resolver)) {
    const name = nameOf(logicalId, resource);
    await createStateMachine(context.clients, name, props(logicalId, resource), context.accountId);
    created.stateMachines.push(name);
  }
  for (const [logicalId, resource] of ofType(service, 'AWS::Events::Rule', resolver)) {
    created.rules.push(createRule(context.router, nameOf(logicalId, resource), props(logicalId, resource)));
  }
  // IAM, policies, alarms...: only meaningful in AWS.
  for (const [logicalId, resource] of Object.entries(service.resources)) {
    if (!HANDLED_TYPES.has(resource.Type)) created.skipped.push({ logicalId, type: resource.Type });
  }
  created.functionEvents = await wireFunctionEvents(
    {
      clients: context.clients,
      router: context.router,
      region: service.region,
      accountId: context.accountId,
      resolve: (v, where) => resolver.resolve(v, where),
    },
    service.functions
  );
  return created;
}
