// The correlator's three functions (their real middy handlers and adapters) on a local cloud: EventBridge
// rules and the ingest queue, DynamoDB Local and its stream, the Security Hub recorder, fauxqs.
import { setTimeout as sleep } from 'node:timers/promises';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import {
  type AwsSecurityFinding,
  BatchImportFindingsCommand,
  GetFindingsCommand,
} from '@aws-sdk/client-securityhub';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  type Message,
  ReceiveMessageCommand,
} from '@aws-sdk/client-sqs';
import type { AsffFinding } from '@vigil/event-schema';
import { type LambdaLike, type LocalCloud, startLocalCloud } from '@vigil/local-cloud';
import { type AwsClients, createAwsClients } from '../../src/adapters/aws-clients';
import { createRuntime } from '../../src/adapters/create-runtime';
import { parseConfig } from '../../src/config';
import { createIngestFindingsMain } from '../../src/handlers/ingest-findings';
import { createMatchCorrelationsMain } from '../../src/handlers/match-correlations';
import { createResolveDeletedResourcesMain } from '../../src/handlers/resolve-deleted-resources';
import { countCalls } from './count-calls';

const STAGE = 'dev';
const FUNCTION = (name: string) => `vigil-correlator-${STAGE}-${name}`;

export type LocalCorrelator = {
  cloud: LocalCloud;
  clients: AwsClients;
  /** SDK calls the functions made, by command name (counted with a client middleware). */
  calls: Map<string, number>;
  /** Sends events to the default bus (as AWS services do). */
  putEvents(entries: { source: string; detailType: string; detail: unknown }[]): Promise<void>;
  /** Waits until the queue is empty and nothing was delivered for a while (stream included). */
  drain(quietMs?: number): Promise<void>;
  correlatedFindings(): Promise<AwsSecurityFinding[]>;
  findingsOf(resourceIds: string[]): Promise<AwsSecurityFinding[]>;
  importIntoSecurityHub(findings: AsffFinding[]): Promise<void>;
  receiveAll(queueName: string): Promise<Message[]>;
  /** A queue receiving every `Vigil Correlated Finding` from the stage's bus. */
  captureCorrelatedEvents(): Promise<() => Promise<Message[]>>;
  stop(): Promise<void>;
};

export async function startLocalCorrelator(): Promise<LocalCorrelator> {
  const calls = new Map<string, number>();
  let clients: AwsClients | undefined;
  let cloud: LocalCloud | undefined;
  const queueUrls = new Map<string, string>();
  const env = (quarantineQueue: string) => {
    if (cloud === undefined || clients === undefined) throw new Error('local cloud not started');
    return parseConfig({
      STAGE,
      FINDINGS_TABLE_NAME: `vigil-${STAGE}-findings`,
      EVENT_BUS_NAME: `vigil-${STAGE}`,
      ALERT_TOPIC_ARN: `arn:aws:sns:${cloud.region}:${cloud.accountId}:vigil-${STAGE}-alerts`,
      QUARANTINE_QUEUE_URL: queueUrls.get(quarantineQueue),
      ACCOUNT_ID: cloud.accountId,
      AWS_REGION: cloud.region,
      // Organizations has no local implementation: correlations carry the account id only (degraded path).
      ENRICHMENT: 'none',
    });
  };
  const runtimeFor = (quarantineQueue: string) => () => {
    if (clients === undefined) throw new Error('local cloud not started');
    return createRuntime(env(quarantineQueue), clients);
  };
  const functions: Record<string, LambdaLike> = {
    [FUNCTION('ingestFindings')]: createIngestFindingsMain(
      runtimeFor(`vigil-${STAGE}-correlator-ingest-dlq`)
    ) as LambdaLike,
    [FUNCTION('matchCorrelations')]: createMatchCorrelationsMain(
      runtimeFor(`vigil-${STAGE}-correlator-match-dlq`)
    ) as LambdaLike,
    [FUNCTION('resolveDeletedResources')]: createResolveDeletedResourcesMain(
      runtimeFor(`vigil-${STAGE}-correlator-resolve-dlq`)
    ) as LambdaLike,
  };
  cloud = await startLocalCloud({ services: ['platform', 'guardduty-correlator'], functions, stage: STAGE });
  Object.assign(process.env, cloud.env());
  clients = createAwsClients();
  // The document client sends through the DynamoDB client's stack: count there only.
  const { documentClient: _documentClient, ...counted } = clients;
  for (const client of Object.values(counted))
    countCalls(client as Pick<DynamoDBClient, 'middlewareStack'>, calls);
  for (const name of ['ingest', 'ingest-dlq', 'match-dlq', 'resolve-dlq']) {
    const queueName = `vigil-${STAGE}-correlator-${name}`;
    const { QueueUrl } = await clients.sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
    if (QueueUrl) queueUrls.set(queueName, QueueUrl);
  }
  const local = cloud;
  const sdk = clients;
  const events = new EventBridgeClient({});

  async function queueDepth(queueName: string): Promise<number> {
    const { Attributes } = await sdk.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrls.get(queueName),
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      })
    );
    return (
      Number(Attributes?.ApproximateNumberOfMessages ?? 0) +
      Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
    );
  }

  async function getFindings(filters: Record<string, unknown>): Promise<AwsSecurityFinding[]> {
    const found: AwsSecurityFinding[] = [];
    let NextToken: string | undefined;
    do {
      const page = await sdk.securityHub.send(
        new GetFindingsCommand({ Filters: filters, MaxResults: 100, NextToken })
      );
      found.push(...(page.Findings ?? []));
      NextToken = page.NextToken || undefined;
    } while (NextToken);
    return found;
  }

  return {
    cloud: local,
    clients: sdk,
    calls,
    async putEvents(entries) {
      const result = await local.router.putEvents(
        entries.map((entry) => ({
          Source: entry.source,
          DetailType: entry.detailType,
          Detail: JSON.stringify(entry.detail),
          EventBusName: 'default',
        }))
      );
      if (result.FailedEntryCount > 0) throw new Error(`PutEvents failed: ${JSON.stringify(result.Entries)}`);
    },
    async drain(quietMs = 1500) {
      let last = Date.now();
      const off = local.router.deliveries.onDelivery(() => {
        last = Date.now();
      });
      const deadline = Date.now() + 45_000;
      try {
        while (Date.now() < deadline) {
          await sleep(250);
          await local.router.settled();
          if ((await queueDepth(`vigil-${STAGE}-correlator-ingest`)) > 0) {
            last = Date.now();
            continue;
          }
          if (Date.now() - last >= quietMs) return;
        }
        throw new Error('the correlator did not settle within 45 s');
      } finally {
        off();
      }
    },
    correlatedFindings: () =>
      getFindings({ GeneratorId: [{ Value: 'vigil-correlator/', Comparison: 'PREFIX' }] }),
    findingsOf: (resourceIds) =>
      getFindings({ ResourceId: resourceIds.map((Value) => ({ Value, Comparison: 'EQUALS' })) }),
    async importIntoSecurityHub(findings) {
      await sdk.securityHub.send(
        new BatchImportFindingsCommand({ Findings: findings as unknown as AwsSecurityFinding[] })
      );
    },
    async receiveAll(queueName) {
      const messages: Message[] = [];
      for (;;) {
        const { Messages } = await sdk.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrls.get(queueName) ?? queueName,
            MaxNumberOfMessages: 10,
            MessageAttributeNames: ['All'],
            WaitTimeSeconds: 0,
            VisibilityTimeout: 60,
          })
        );
        if (!Messages?.length) return messages;
        messages.push(...Messages);
      }
    },
    async captureCorrelatedEvents() {
      const { QueueUrl } = await sdk.sqs.send(
        new CreateQueueCommand({ QueueName: 'test-correlated-findings' })
      );
      const { Attributes } = await sdk.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] })
      );
      await events.send(
        new PutRuleCommand({
          Name: 'test-correlated-findings',
          EventBusName: `vigil-${STAGE}`,
          EventPattern: JSON.stringify({
            source: ['vigil.correlator'],
            'detail-type': ['Vigil Correlated Finding'],
          }),
        })
      );
      await events.send(
        new PutTargetsCommand({
          Rule: 'test-correlated-findings',
          EventBusName: `vigil-${STAGE}`,
          Targets: [{ Id: 'queue', Arn: Attributes?.QueueArn }],
        })
      );
      return async () => {
        const messages: Message[] = [];
        for (;;) {
          const { Messages } = await sdk.sqs.send(
            new ReceiveMessageCommand({
              QueueUrl,
              MaxNumberOfMessages: 10,
              WaitTimeSeconds: 0,
              VisibilityTimeout: 60,
            })
          );
          if (!Messages?.length) return messages;
          messages.push(...Messages);
        }
      };
    },
    async stop() {
      events.destroy();
      for (const client of Object.values(sdk)) client.destroy();
      await local.stop();
    },
  };
}
