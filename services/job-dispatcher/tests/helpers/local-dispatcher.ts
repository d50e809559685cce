import { DeleteItemCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { GetQueueUrlCommand, PurgeQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createAwsClient } from '@vigil/lambda-kit';
import { type LocalCloud, startLocalCloud } from '@vigil/local-cloud';
import {
  type DispatchRuntimeOverrides,
  dispatchDeps,
  dispatchSettings,
} from '../../src/adapters/create-dispatch-runtime';
import { DynamoDbJobRepository } from '../../src/adapters/dynamodb-job-repository';
import { type Config, parseConfig } from '../../src/config';
import { type DispatchSettings, dispatchDueJobs, type TickSummary } from '../../src/core/dispatch-due-jobs';
import type { ManageJobsDeps } from '../../src/core/manage-jobs';

/** An event as the in-process consumer function received it from the local bus. */
export type ReceivedEvent = {
  source: string;
  'detail-type': string;
  detail: Record<string, unknown> & { vigilJob: { jobId: string; dueAt: string; attempt: number } };
};

const CONSUMER = 'it-job-consumer';

/**
 * The dispatcher on local-cloud: DynamoDB Local tables and fauxqs queues from serverless.yml, the local
 * EventBridge bus `vigil-dev` with a rule (source prefix `vigil.it`) delivering to an in-process consumer.
 */
export class LocalDispatcher {
  readonly received: ReceivedEvent[] = [];
  config!: Config;
  dynamodb!: DynamoDBClient;
  eventBridge!: EventBridgeClient;
  sqs!: SQSClient;
  cloud!: LocalCloud;

  async start(): Promise<void> {
    this.cloud = await startLocalCloud({
      services: ['platform', 'job-dispatcher'],
      functions: {
        [CONSUMER]: (event: never) => {
          this.received.push(event as ReceivedEvent);
        },
      },
    });
    Object.assign(process.env, this.cloud.env());
    this.dynamodb = createAwsClient(DynamoDBClient);
    this.eventBridge = createAwsClient(EventBridgeClient);
    this.sqs = createAwsClient(SQSClient);
    const dlq = await this.sqs.send(new GetQueueUrlCommand({ QueueName: 'vigil-dev-jobs-dlq' }));
    this.config = parseConfig({
      JOBS_TABLE_NAME: 'vigil-dev-jobs',
      STATE_TABLE_NAME: 'vigil-dev-jobs-state',
      EVENT_BUS_NAME: 'vigil-dev',
      TARGET_BUS_NAMES: 'missing-bus',
      DLQ_URL: dlq.QueueUrl,
    });
    await this.eventBridge.send(
      new PutRuleCommand({
        Name: 'it-jobs',
        EventBusName: 'vigil-dev',
        EventPattern: JSON.stringify({ source: [{ prefix: 'vigil.it' }] }),
      })
    );
    await this.eventBridge.send(
      new PutTargetsCommand({
        Rule: 'it-jobs',
        EventBusName: 'vigil-dev',
        Targets: [{ Id: 'consumer', Arn: `arn:aws:lambda:us-east-1:000000000000:function:${CONSUMER}` }],
      })
    );
  }

  async stop(): Promise<void> {
    for (const client of [this.dynamodb, this.eventBridge, this.sqs]) client?.destroy();
    await this.cloud?.stop();
  }

  /** Empties both tables, the DLQ and the consumer's record between tests. */
  async reset(): Promise<void> {
    for (const [table, keys] of [
      [this.config.JOBS_TABLE_NAME, ['pk', 'sk']],
      [this.config.STATE_TABLE_NAME, ['pk']],
    ] as const) {
      const items = (await this.dynamodb.send(new ScanCommand({ TableName: table }))).Items ?? [];
      for (const item of items) {
        const key = Object.fromEntries(keys.map((name) => [name, item[name] ?? { S: '' }]));
        await this.dynamodb.send(new DeleteItemCommand({ TableName: table, Key: key }));
      }
    }
    await this.sqs.send(new PurgeQueueCommand({ QueueUrl: this.config.DLQ_URL }));
    this.received.length = 0;
  }

  /** One tick with real adapters and the given clock. */
  async tick(
    clock: () => Date,
    tickId: string,
    overrides: DispatchRuntimeOverrides & { settings?: Partial<DispatchSettings> } = {}
  ): Promise<TickSummary> {
    const deps = dispatchDeps(
      this.config,
      this,
      () => 50_000,
      () => undefined,
      { clock, ...overrides }
    );
    const summary = await dispatchDueJobs(
      tickId,
      { ...dispatchSettings(this.config), ...overrides.settings },
      deps
    );
    await this.cloud.router.settled();
    return summary;
  }

  /** The scheduling API's deps on the local jobs table. */
  api(clock: () => Date): ManageJobsDeps {
    let counter = 0;
    return {
      repository: new DynamoDbJobRepository(this.dynamodb, this.config.JOBS_TABLE_NAME, clock),
      clock,
      generateId: () => {
        counter += 1;
        return `generated-${counter}`;
      },
      allowedBuses: [this.config.EVENT_BUS_NAME, ...this.config.TARGET_BUS_NAMES],
    };
  }

  /** Messages now in the job DLQ (bodies parsed). */
  async deadLetters(): Promise<{ reason: string; errorCode?: string; job?: { jobId: string } }[]> {
    const response = await this.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: this.config.DLQ_URL,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
      })
    );
    return (response.Messages ?? []).map((message) => JSON.parse(message.Body ?? '{}'));
  }

  /** Job items left in the table. */
  async jobItems(): Promise<number> {
    const items =
      (await this.dynamodb.send(new ScanCommand({ TableName: this.config.JOBS_TABLE_NAME }))).Items ?? [];
    return items.filter((item) => item.pk?.S?.startsWith('j#')).length;
  }
}
