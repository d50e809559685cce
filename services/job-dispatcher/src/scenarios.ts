// The built-in scenario ./scripts/start.sh runs: jobs scheduled through the scheduling API (Lambda Invoke on
// serverless-offline), dispatched by the `rate(1 minute)` tick the local event router fires as serverless.yml
// wires it, and read from a queue a rule on the stage bus feeds.
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { LocalCloud } from '@vigil/local-cloud';
import { z } from 'zod';
import { JobRecordSchema } from './core/job-record';

type Scenario = {
  name: string;
  run(cloud: LocalCloud, log: (line: string) => void): Promise<{ ok: boolean; summary: string }>;
};

const ApiAnswerSchema = z.union([
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);
const ScheduledSchema = z.object({ created: z.boolean(), record: JobRecordSchema });
const DispatchedEventSchema = z.object({
  'detail-type': z.string(),
  detail: z.object({ vigilJob: z.object({ jobId: z.string(), attempt: z.number() }) }),
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Clients on the cloud's endpoints (plain SDK: this runs under tsx, where lambda-kit's middy cannot load). */
function clientsFor(cloud: LocalCloud) {
  const base = { region: cloud.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  return {
    eventBridge: new EventBridgeClient({ ...base, endpoint: cloud.endpoints.events }),
    sqs: new SQSClient({ ...base, endpoint: cloud.endpoints.sqs }),
  };
}

/** The scheduling API, as `aws lambda invoke --function-name vigil-jobs-<stage>-scheduleJob` calls it. */
async function callJobsApi<T>(cloud: LocalCloud, request: unknown, schema: z.ZodType<T>): Promise<T> {
  const answer = ApiAnswerSchema.parse(await cloud.invoke(`vigil-jobs-${cloud.stage}-scheduleJob`, request));
  if (!answer.ok) throw new Error(`scheduling API: ${answer.error.code}: ${answer.error.message}`);
  return schema.parse(answer.result);
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

async function receiveJobIds(
  sqs: SQSClient,
  queueUrl: string,
  expected: number,
  log: (line: string) => void
) {
  const received: string[] = [];
  for (let attempt = 0; attempt < 5 && received.length < expected; attempt += 1) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 })
    );
    for (const message of Messages) {
      const event = DispatchedEventSchema.parse(JSON.parse(message.Body ?? '{}'));
      const { jobId, attempt: delivery } = event.detail.vigilJob;
      log(`received ${event['detail-type']} for ${jobId} (attempt ${delivery})`);
      received.push(jobId);
    }
  }
  return received;
}

export const scenarios: Scenario[] = [
  {
    name: 'one-time and recurring jobs are dispatched to the bus',
    async run(cloud, log) {
      const clients = clientsFor(cloud);
      try {
        const queueUrl = await watchQueue(clients, cloud);
        const now = Date.now();
        const runId = now.toString(36);
        const oneTime = await callJobsApi(
          cloud,
          {
            action: 'schedule',
            job: {
              jobId: `demo-once-${runId}`,
              dueAt: new Date(now + 1500).toISOString(),
              source: 'vigil.demo',
              detailType: 'Send Reminder',
              detail: { userId: 'u-1' },
            },
          },
          ScheduledSchema
        );
        const recurring = await callJobsApi(
          cloud,
          {
            action: 'schedule',
            job: {
              jobId: `demo-every-minute-${runId}`,
              source: 'vigil.demo',
              detailType: 'Scan Account',
              detail: { accountId: '111122223333' },
              recurrence: { expression: 'rate(1 minute)', start: new Date(now + 2000).toISOString() },
            },
          },
          ScheduledSchema
        );
        log(`scheduled ${oneTime.record.jobId} due ${oneTime.record.dueAt} (Lambda Invoke scheduleJob)`);
        log(`scheduled ${recurring.record.jobId} rate(1 minute), first ${recurring.record.dueAt}`);
        await sleep(Math.max(0, now + 2500 - Date.now()));
        // The router's schedule clock moves one minute: the tick rule fires dispatchDueJobs, as EventBridge would.
        const fires = await cloud.router.tick(new Date(cloud.router.now.getTime() + 60_000));
        for (const fire of fires) log(`schedule ${fire.ruleName} fired → dispatchDueJobs`);
        const received = await receiveJobIds(clients.sqs, queueUrl, 2, log);
        const next = await callJobsApi(
          cloud,
          { action: 'get', jobId: recurring.record.jobId },
          JobRecordSchema
        );
        log(`next occurrence of ${next.jobId}: ${next.dueAt}`);
        await callJobsApi(cloud, { action: 'cancel', jobId: next.jobId }, z.unknown());
        const ok =
          received.includes(oneTime.record.jobId) &&
          received.includes(recurring.record.jobId) &&
          next.dueAt > recurring.record.dueAt;
        return {
          ok,
          summary: ok
            ? `2 jobs dispatched (one-time + recurring), next recurring occurrence ${next.dueAt}`
            : `expected both jobs on the bus, got ${received.length}: ${received.join(', ')}`,
        };
      } finally {
        clients.eventBridge.destroy();
        clients.sqs.destroy();
      }
    },
  },
];
