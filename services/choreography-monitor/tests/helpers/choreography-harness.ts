import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SFNClient,
} from '@aws-sdk/client-sfn';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { LocalCloud } from '@vigil/local-cloud';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** SDK clients on a local cloud, and the waits the integration tests share. */
export class ChoreographyHarness {
  readonly sfn: SFNClient;
  readonly sqs: SQSClient;
  readonly events: EventBridgeClient;
  readonly dynamodb: DynamoDBClient;

  constructor(readonly cloud: LocalCloud) {
    const region = cloud.region;
    this.sfn = new SFNClient({ endpoint: cloud.endpoints.stepfunctions, region, credentials });
    this.sqs = new SQSClient({ endpoint: cloud.endpoints.sqs, region, credentials });
    this.events = new EventBridgeClient({ endpoint: cloud.endpoints.events, region, credentials });
    this.dynamodb = new DynamoDBClient({ endpoint: cloud.endpoints.dynamodb, region, credentials });
  }

  destroy(): void {
    for (const client of [this.sfn, this.sqs, this.events, this.dynamodb]) client.destroy();
  }

  async publish(detailType: string, source: string, detail: Record<string, unknown>): Promise<string> {
    const result = await this.cloud.router.putEvents([
      {
        Source: source,
        DetailType: detailType,
        Detail: JSON.stringify(detail),
        EventBusName: `vigil-${this.cloud.stage}`,
      },
    ]);
    const [entry] = result.Entries;
    if (entry === undefined || !('EventId' in entry))
      throw new Error(`PutEvents failed: ${JSON.stringify(result)}`);
    return entry.EventId;
  }

  /** Sends an EventBridge event as the forward rule would (same id each time: an at-least-once redelivery). */
  async sendToForwardQueue(event: Record<string, unknown>): Promise<void> {
    const url = `${this.cloud.endpoints.sqs}/${this.cloud.accountId}/vigil-${this.cloud.stage}-choreography-forward`;
    await this.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify(event) }));
  }

  executionArn(choreography: string, name: string): string {
    return `arn:aws:states:${this.cloud.region}:${this.cloud.accountId}:execution:vigil-${this.cloud.stage}-choreography-${choreography}:${name}`;
  }

  async describe(choreography: string, name: string) {
    return this.sfn
      .send(new DescribeExecutionCommand({ executionArn: this.executionArn(choreography, name) }))
      .catch((error: unknown) => {
        if (error instanceof Error && error.name === 'ExecutionDoesNotExist') return undefined;
        throw error;
      });
  }

  async history(choreography: string, name: string): Promise<HistoryEvent[]> {
    const { events = [] } = await this.sfn.send(
      new GetExecutionHistoryCommand({
        executionArn: this.executionArn(choreography, name),
        maxResults: 1000,
      })
    );
    return events;
  }

  /** The state whose token is stored for a workflow (the state it waits in), once it waits there unclaimed. */
  async waitingState(choreography: string, correlationId: string): Promise<string | undefined> {
    const { Item } = await this.dynamodb.send(
      new GetItemCommand({
        TableName: `vigil-${this.cloud.stage}-choreography-tokens`,
        Key: { pk: { S: `${choreography}#${correlationId}` }, sk: { S: 'TOKEN' } },
        ConsistentRead: true,
      })
    );
    return Item?.claimedBy === undefined ? Item?.state?.S : undefined;
  }

  async waitForState(choreography: string, correlationId: string, state: string): Promise<void> {
    await waitFor(
      async () => (await this.waitingState(choreography, correlationId)) === state,
      `${correlationId} waiting in ${state}`
    );
  }

  async waitForEnd(choreography: string, name: string) {
    let status: string | undefined;
    await waitFor(async () => {
      status = (await this.describe(choreography, name))?.status;
      return status !== undefined && status !== 'RUNNING';
    }, `${name} to end`);
    return this.describe(choreography, name);
  }

  /** A queue receiving Vigil's own choreography events from the stage bus. */
  async captureVigilEvents(): Promise<string> {
    const name = `capture-${Date.now()}`;
    const { QueueUrl } = await this.sqs.send(new CreateQueueCommand({ QueueName: name }));
    const bus = `vigil-${this.cloud.stage}`;
    await this.events.send(
      new PutRuleCommand({
        Name: name,
        EventBusName: bus,
        EventPattern: JSON.stringify({ source: ['vigil.choreography'] }),
      })
    );
    await this.events.send(
      new PutTargetsCommand({
        Rule: name,
        EventBusName: bus,
        Targets: [{ Id: 'capture', Arn: `arn:aws:sqs:${this.cloud.region}:${this.cloud.accountId}:${name}` }],
      })
    );
    return QueueUrl ?? '';
  }

  /** Messages (parsed bodies) received so far on a queue, removing them. */
  async drain(
    queueUrl: string
  ): Promise<{ body: Record<string, unknown>; attributes: Record<string, string> }[]> {
    const received: { body: Record<string, unknown>; attributes: Record<string, string> }[] = [];
    for (;;) {
      const { Messages = [] } = await this.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 0,
          MessageAttributeNames: ['All'],
        })
      );
      if (Messages.length === 0) return received;
      for (const message of Messages) {
        const attributes = Object.fromEntries(
          Object.entries(message.MessageAttributes ?? {}).map(([key, value]) => [
            key,
            value.StringValue ?? '',
          ])
        );
        received.push({ body: JSON.parse(message.Body ?? '{}'), attributes });
        await this.sqs.send(
          new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle })
        );
      }
    }
  }

  async queueDepth(queueUrl: string): Promise<number> {
    const { Attributes } = await this.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] })
    );
    return Number(Attributes?.ApproximateNumberOfMessages ?? 0);
  }
}

/** Polls `check` until it holds (integration waits; never a timing assertion). */
export async function waitFor(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 20_000
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
