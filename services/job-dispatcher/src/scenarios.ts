import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { LocalCloud } from '@vigil/local-cloud';
import { dispatchDeps, dispatchSettings } from './adapters/create-dispatch-runtime';
import { DynamoDbJobRepository } from './adapters/dynamodb-job-repository';
import type { Config } from './config';
import { dispatchDueJobs } from './core/dispatch-due-jobs';
import { scheduleJob } from './core/manage-jobs';

type Scenario = {
  name: string;
  run(cloud: LocalCloud, log: (line: string) => void): Promise<{ ok: boolean; summary: string }>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Clients on the cloud's endpoints (plain SDK: this runs under tsx, where lambda-kit's middy cannot load). */
function clientsFor(cloud: LocalCloud) {
  const base = { region: cloud.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  return {
    dynamodb: new DynamoDBClient({ ...base, endpoint: cloud.endpoints.dynamodb }),
    eventBridge: new EventBridgeClient({ ...base, endpoint: cloud.endpoints.events }),
    sqs: new SQSClient({ ...base, endpoint: cloud.endpoints.sqs }),
  };
}

async function watchQueue(clients: ReturnType<typeof clientsFor>, cloud: LocalCloud): Promise<string> {
  const bus = `vigil-${cloud.stage}`;
  const queueUrl =
    (await clients.sqs.send(new CreateQueueCommand({ QueueName: 'vigil-demo-dispatched-jobs' }))).QueueUrl ??
    '';
  const attributes = await clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] })
  );
  await clients.eventBridge.send(
    new PutRuleCommand({
      Name: 'vigil-demo-jobs',
      EventBusName: bus,
      EventPattern: JSON.stringify({ source: ['vigil.demo'] }),
    })
  );
  await clients.eventBridge.send(
    new PutTargetsCommand({
      Rule: 'vigil-demo-jobs',
      EventBusName: bus,
      Targets: [{ Id: 'queue', Arn: attributes.Attributes?.QueueArn ?? '' }],
    })
  );
  return queueUrl;
}

/**
 * Schedules a one-time job and a recurring one (`rate(1 minute)`) through the scheduling API's core on the
 * local jobs table, runs the dispatcher tick once they are due, and reads the events a rule on the stage bus
 * delivered to an SQS queue.
 */
export const scenarios: Scenario[] = [
  {
    name: 'one-time and recurring jobs are dispatched to the bus',
    async run(cloud, log) {
      await cloud.createResources('job-dispatcher');
      const clients = clientsFor(cloud);
      try {
        const queueUrl = await watchQueue(clients, cloud);
        const prefix = `vigil-${cloud.stage}`;
        const config: Config = {
          STAGE: cloud.stage,
          JOBS_TABLE_NAME: `${prefix}-jobs`,
          STATE_TABLE_NAME: `${prefix}-jobs-state`,
          EVENT_BUS_NAME: prefix,
          TARGET_BUS_NAMES: [],
          DLQ_URL: `${cloud.endpoints.sqs}/${cloud.accountId}/${prefix}-jobs-dlq`,
          PAUSE_MINUTES: 15,
          DEFAULT_MAX_ATTEMPTS: 10,
          DEFAULT_MAX_EVENT_AGE_SECONDS: 86_400,
          PUBLISH_CONCURRENCY: 8,
          SAFETY_MARGIN_MS: 10_000,
          MAX_BUCKETS_PER_TICK: 120,
        };
        const api = {
          repository: new DynamoDbJobRepository(clients.dynamodb, config.JOBS_TABLE_NAME),
          clock: () => new Date(),
          generateId: () => `demo-${Date.now()}`,
          allowedBuses: [prefix],
        };
        const now = Date.now();
        const runId = now.toString(36);
        const oneTime = await scheduleJob(
          {
            jobId: `demo-once-${runId}`,
            dueAt: new Date(now + 1500).toISOString(),
            source: 'vigil.demo',
            detailType: 'Send Reminder',
            detail: { userId: 'u-1' },
          },
          api
        );
        const recurring = await scheduleJob(
          {
            jobId: `demo-every-minute-${runId}`,
            source: 'vigil.demo',
            detailType: 'Scan Account',
            detail: { accountId: '111122223333' },
            recurrence: { expression: 'rate(1 minute)', start: new Date(now + 2000).toISOString() },
          },
          api
        );
        log(`scheduled ${oneTime.record.jobId} due ${oneTime.record.dueAt} (bucket ${oneTime.record.pk})`);
        log(`scheduled ${recurring.record.jobId} rate(1 minute), first ${recurring.record.dueAt}`);
        await sleep(Math.max(0, now + 2500 - Date.now()));
        const tick = await dispatchDueJobs(
          `scenario-${runId}`,
          dispatchSettings(config),
          dispatchDeps(
            config,
            clients,
            () => 50_000,
            (message) => log(`warn: ${message}`)
          )
        );
        log(
          `tick: ${tick.status}, due ${tick.due}, dispatched ${tick.dispatched}, lag p99 ${tick.lag.p99} ms`
        );
        await cloud.router.settled();
        const received: string[] = [];
        for (let attempt = 0; attempt < 5 && received.length < 2; attempt += 1) {
          const messages = await clients.sqs.send(
            new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 })
          );
          for (const message of messages.Messages ?? []) {
            const event = JSON.parse(message.Body ?? '{}') as {
              'detail-type'?: string;
              detail?: { vigilJob?: { jobId?: string; attempt?: number } };
            };
            log(
              `received ${event['detail-type']} for ${event.detail?.vigilJob?.jobId} (attempt ${event.detail?.vigilJob?.attempt})`
            );
            received.push(event.detail?.vigilJob?.jobId ?? '');
          }
        }
        const next = await api.repository.findById(recurring.record.jobId);
        log(`next occurrence of ${recurring.record.jobId}: ${next?.dueAt ?? 'none'}`);
        await api.repository.remove(next ?? recurring.record);
        const ok =
          received.includes(oneTime.record.jobId) &&
          received.includes(recurring.record.jobId) &&
          next !== undefined;
        return {
          ok,
          summary: ok
            ? `2 jobs dispatched (one-time + recurring), next recurring occurrence ${next?.dueAt}`
            : `expected both jobs on the bus, got ${received.length}: ${received.join(', ')}`,
        };
      } finally {
        clients.dynamodb.destroy();
        clients.eventBridge.destroy();
        clients.sqs.destroy();
      }
    },
  },
];
