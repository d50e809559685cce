import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { CliError } from '../cli-error';

/** A queue as `vigil dlq` sees it. */
export type QueueInfo = {
  name: string;
  url: string;
  arn: string;
  /** Messages waiting (ApproximateNumberOfMessages). */
  depth: number;
  /** Messages received and not yet deleted (ApproximateNumberOfMessagesNotVisible). */
  inFlight: number;
  /** ARN of the DLQ its redrive policy names, if any. */
  deadLetterTargetArn: string | undefined;
};

/** A Vigil DLQ and the queues that redrive into it. */
export type DeadLetterQueue = QueueInfo & { sources: QueueInfo[] };

/** Names Vigil gives to queues that keep failures (`…-dlq`, `…-tick-failures`). */
const DLQ_NAME = /(dlq|dead-letters?|failures)(\.fifo)?$/;

export function queueNameOf(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}

/** `vigil-<stage>-…` or `vigil-<service>-<stage>-…`. */
export function isStageQueueName(name: string, stage: string): boolean {
  return name.startsWith(`vigil-${stage}-`) || new RegExp(`^vigil-[a-z0-9]+-${stage}-`).test(name);
}

async function listQueueUrls(sqs: SQSClient, prefix: string): Promise<string[]> {
  const urls: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sqs.send(
      new ListQueuesCommand({ QueueNamePrefix: prefix, MaxResults: 1000, NextToken: nextToken })
    );
    urls.push(...(page.QueueUrls ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  return urls;
}

function redriveTarget(policy: string | undefined): string | undefined {
  if (policy === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(policy);
    const target =
      typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'deadLetterTargetArn') : undefined;
    return typeof target === 'string' ? target : undefined;
  } catch {
    return undefined;
  }
}

export async function describeQueue(sqs: SQSClient, url: string): Promise<QueueInfo> {
  const { Attributes: attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: [
        'QueueArn',
        'RedrivePolicy',
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
      ],
    })
  );
  return {
    name: queueNameOf(url),
    url,
    arn: attributes.QueueArn ?? '',
    depth: Number(attributes.ApproximateNumberOfMessages ?? 0),
    inFlight: Number(attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
    deadLetterTargetArn: redriveTarget(attributes.RedrivePolicy),
  };
}

/** A queue by name or URL. */
export async function findQueue(sqs: SQSClient, nameOrUrl: string): Promise<QueueInfo> {
  if (/^https?:\/\//.test(nameOrUrl)) return describeQueue(sqs, nameOrUrl);
  try {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: nameOrUrl }));
    if (QueueUrl === undefined) throw new Error('no QueueUrl');
    return await describeQueue(sqs, QueueUrl);
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name.includes('NonExistentQueue') || name === 'QueueDoesNotExist')
      throw new CliError(nameOrUrl, 'no such queue', { cause: error });
    throw error;
  }
}

/** Every Vigil queue (name starts with `vigil-`), described. */
export async function describeVigilQueues(sqs: SQSClient): Promise<QueueInfo[]> {
  const urls = await listQueueUrls(sqs, 'vigil-');
  return Promise.all(urls.map((url) => describeQueue(sqs, url)));
}

async function isTaggedForStage(sqs: SQSClient, url: string, stage: string): Promise<boolean> {
  const { Tags: tags = {} } = await sqs.send(new ListQueueTagsCommand({ QueueUrl: url }));
  return tags['created-by'] === 'vigil' && tags['vigil-stage'] === stage;
}

/**
 * The stage's DLQs: Vigil queues that another queue redrives into or that are named as DLQs, and that
 * belong to the stage by name (`vigil-<stage>-…`, `vigil-<service>-<stage>-…`) or by tags
 * (`created-by: vigil` and `vigil-stage: <stage>`, which the stacks' tags put on every queue).
 *
 * @example
 * ```ts
 * for (const dlq of await listDeadLetterQueues(sqs, 'dev')) console.log(dlq.name, dlq.depth);
 * ```
 */
export async function listDeadLetterQueues(sqs: SQSClient, stage: string): Promise<DeadLetterQueue[]> {
  const queues = await describeVigilQueues(sqs);
  const targets = new Set(
    queues.map((queue) => queue.deadLetterTargetArn).filter((arn) => arn !== undefined)
  );
  const candidates = queues.filter((queue) => targets.has(queue.arn) || DLQ_NAME.test(queue.name));
  const inStage = await Promise.all(
    candidates.map(
      async (queue) => isStageQueueName(queue.name, stage) || (await isTaggedForStage(sqs, queue.url, stage))
    )
  );
  return candidates
    .filter((_, index) => inStage[index])
    .map((queue) => ({
      ...queue,
      sources: queues.filter((source) => source.deadLetterTargetArn === queue.arn),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
