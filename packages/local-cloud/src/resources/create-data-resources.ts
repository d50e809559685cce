import { randomUUID } from 'node:crypto';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import type { AwsClients } from '../router/aws-clients';
import type { EventRouter } from '../router/event-router';
import type { BucketNotificationConfiguration } from '../router/s3-notifications';

type Props = Record<string, unknown>;

const str = (value: unknown): string | undefined =>
  value === undefined || value === null ? undefined : String(value);

/**
 * Creates a DynamoDB table from `AWS::DynamoDB::Table` properties (keys, GSIs/LSIs, billing, stream,
 * TTL) and returns its stream ARN when it has a stream. An existing table is kept (state folders).
 *
 * @example
 * const streamArn = await createTable(clients, { TableName: 'jobs', KeySchema: [...], AttributeDefinitions: [...] });
 */
export async function createTable(clients: AwsClients, properties: Props): Promise<string | undefined> {
  const isOnDemand = properties.BillingMode === 'PAY_PER_REQUEST';
  const throughput = (value: unknown) =>
    isOnDemand || value === undefined ? {} : { ProvisionedThroughput: value };
  const indexes = (value: unknown) =>
    Array.isArray(value) && value.length > 0
      ? (value as Props[]).map(
          ({ ProvisionedThroughput, ContributorInsightsSpecification: _c, ...index }) => ({
            ...index,
            ...throughput(ProvisionedThroughput),
          })
        )
      : undefined;
  const stream = properties.StreamSpecification as { StreamViewType?: string } | undefined;
  const input = {
    TableName: str(properties.TableName),
    AttributeDefinitions: properties.AttributeDefinitions,
    KeySchema: properties.KeySchema,
    BillingMode: isOnDemand ? 'PAY_PER_REQUEST' : 'PROVISIONED',
    ...(isOnDemand
      ? {}
      : {
          ProvisionedThroughput: properties.ProvisionedThroughput ?? {
            ReadCapacityUnits: 5,
            WriteCapacityUnits: 5,
          },
        }),
    ...(indexes(properties.GlobalSecondaryIndexes) === undefined
      ? {}
      : { GlobalSecondaryIndexes: indexes(properties.GlobalSecondaryIndexes) }),
    ...(indexes(properties.LocalSecondaryIndexes) === undefined
      ? {}
      : { LocalSecondaryIndexes: properties.LocalSecondaryIndexes }),
    ...(stream?.StreamViewType === undefined
      ? {}
      : { StreamSpecification: { StreamEnabled: true, StreamViewType: stream.StreamViewType } }),
  } as CreateTableCommandInput;
  let streamArn: string | undefined;
  try {
    streamArn = (await clients.dynamodb.send(new CreateTableCommand(input))).TableDescription
      ?.LatestStreamArn;
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    streamArn = (await clients.dynamodb.send(new DescribeTableCommand({ TableName: input.TableName }))).Table
      ?.LatestStreamArn;
  }
  const ttl = properties.TimeToLiveSpecification as { AttributeName?: string; Enabled?: boolean } | undefined;
  if (ttl?.Enabled === true && ttl.AttributeName !== undefined) {
    // Recorded for DescribeTimeToLive and expireTtlItems(); DynamoDB Local never deletes expired items itself.
    await clients.dynamodb
      .send(
        new UpdateTimeToLiveCommand({
          TableName: input.TableName,
          TimeToLiveSpecification: { AttributeName: ttl.AttributeName, Enabled: true },
        })
      )
      .catch((error: unknown) => {
        if (!String(error).includes('already enabled')) throw error;
      });
  }
  return streamArn;
}

const QUEUE_ATTRIBUTES = [
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'DelaySeconds',
  'FifoQueue',
  'FifoThroughputLimit',
  'KmsDataKeyReusePeriodSeconds',
  'KmsMasterKeyId',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'RedriveAllowPolicy',
  'RedrivePolicy',
  'SqsManagedSseEnabled',
  'VisibilityTimeout',
];

/** Creates an SQS queue from `AWS::SQS::Queue` properties (RedrivePolicy objects become JSON). */
export async function createQueue(clients: AwsClients, name: string, properties: Props): Promise<void> {
  const attributes: Record<string, string> = {};
  for (const key of QUEUE_ATTRIBUTES) {
    const value = properties[key];
    if (value === undefined) continue;
    attributes[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  const tags = Object.fromEntries(
    ((properties.Tags ?? []) as { Key: string; Value: string }[]).map((t) => [t.Key, String(t.Value)])
  );
  await clients.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes, tags }));
}

/** Creates an SNS topic and its inline subscriptions (SQS in fauxqs, Lambda in the router). */
export async function createTopic(
  clients: AwsClients,
  router: EventRouter,
  name: string,
  properties: Props
): Promise<string> {
  const attributes: Record<string, string> = {};
  for (const key of ['DisplayName', 'FifoTopic', 'ContentBasedDeduplication', 'KmsMasterKeyId']) {
    if (properties[key] !== undefined) attributes[key] = String(properties[key]);
  }
  const created = await clients.sns.send(new CreateTopicCommand({ Name: name, Attributes: attributes }));
  const topicArn = created.TopicArn ?? '';
  for (const subscription of (properties.Subscription ?? []) as Props[]) {
    await subscribe(clients, router, {
      TopicArn: topicArn,
      Protocol: subscription.Protocol,
      Endpoint: subscription.Endpoint,
    });
  }
  return topicArn;
}

/**
 * `AWS::SNS::Subscription`: sqs → fauxqs (filter policy, raw delivery honoured there); lambda → router.
 * Returns the subscription ARN, or undefined for protocols with no local endpoint (email, http, sms).
 */
export async function subscribe(
  clients: AwsClients,
  router: EventRouter,
  properties: Props
): Promise<string | undefined> {
  const topicArn = String(properties.TopicArn);
  const endpoint = String(properties.Endpoint);
  const protocol = String(properties.Protocol);
  // email, http(s), sms...: nothing local to deliver to.
  if (protocol !== 'lambda' && protocol !== 'sqs') return undefined;
  if (protocol === 'lambda') {
    const subscriptionArn = `${topicArn}:${randomUUID()}`;
    router.subscribeFunction({
      topicArn,
      functionName: endpoint.split(':function:').pop()?.split(':')[0] ?? endpoint,
      subscriptionArn,
      filterPolicy:
        typeof properties.FilterPolicy === 'string'
          ? JSON.parse(properties.FilterPolicy)
          : properties.FilterPolicy,
      filterPolicyScope: properties.FilterPolicyScope === 'MessageBody' ? 'MessageBody' : undefined,
    });
    return subscriptionArn;
  }
  const attributes: Record<string, string> = {};
  for (const key of ['RawMessageDelivery', 'FilterPolicy', 'FilterPolicyScope', 'RedrivePolicy']) {
    const value = properties[key];
    if (value !== undefined)
      attributes[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  const result = await clients.sns.send(
    new SubscribeCommand({
      TopicArn: topicArn,
      Protocol: protocol,
      Endpoint: endpoint,
      Attributes: attributes,
      ReturnSubscriptionArn: true,
    })
  );
  return result.SubscriptionArn ?? '';
}

/** Creates a bucket (an existing one is kept). */
export async function createBucket(clients: AwsClients, name: string): Promise<void> {
  try {
    await clients.s3.send(new CreateBucketCommand({ Bucket: name }));
  } catch (error) {
    if (!/BucketAlreadyOwnedByYou|BucketAlreadyExists/.test(String((error as { name?: string }).name)))
      throw error;
  }
}

type CfnNotification = {
  Event?: string;
  Filter?: { S3Key?: { Rules?: { Name?: string; Value?: string }[] } };
};
const filterOf = (entry: CfnNotification) => ({ Key: { FilterRules: entry.Filter?.S3Key?.Rules ?? [] } });

/** CloudFormation's `NotificationConfiguration` → the API shape the router keeps. */
export function toNotificationConfiguration(cfn: Props | undefined): BucketNotificationConfiguration {
  if (cfn === undefined) return {};
  const list = (key: string) => (cfn[key] ?? []) as (CfnNotification & Props)[];
  const eventBridge = cfn.EventBridgeConfiguration as { EventBridgeEnabled?: unknown } | undefined;
  return {
    QueueConfigurations: list('QueueConfigurations').map((e) => ({
      QueueArn: String(e.Queue),
      Events: [String(e.Event)],
      Filter: filterOf(e),
    })),
    TopicConfigurations: list('TopicConfigurations').map((e) => ({
      TopicArn: String(e.Topic),
      Events: [String(e.Event)],
      Filter: filterOf(e),
    })),
    LambdaFunctionConfigurations: list('LambdaConfigurations').map((e) => ({
      LambdaFunctionArn: String(e.Function),
      Events: [String(e.Event)],
      Filter: filterOf(e),
    })),
    ...(String(eventBridge?.EventBridgeEnabled) === 'true' ? { EventBridgeConfiguration: {} } : {}),
  };
}
