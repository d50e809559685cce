import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Message, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { LocalCloud } from '../../src/index';

/** The fixture service exercising every resource kind (tests/fixtures/service/serverless.yml). */
export const FIXTURE_SERVICE = join(__dirname, '../fixtures/service');

/** An in-process function that records its events and answers with `respond`. */
export function recordingFunction(respond: (event: unknown) => unknown = () => null) {
  const events: unknown[] = [];
  const handler = async (event: never) => {
    events.push(event);
    return respond(event);
  };
  return { events, handler };
}

/** SDK client settings for a local cloud endpoint. */
export function clientConfig(cloud: LocalCloud, endpoint: string) {
  return { endpoint, region: cloud.region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
}

/** Receives from a queue until `count` messages arrived or `timeoutMs` passed (deleting none). */
export async function receiveMessages(
  sqs: SQSClient,
  queueUrl: string,
  count: number,
  timeoutMs = 10_000
): Promise<Message[]> {
  const messages: Message[] = [];
  const deadline = Date.now() + timeoutMs;
  while (messages.length < count && Date.now() < deadline) {
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
      })
    );
    messages.push(...(received.Messages ?? []));
  }
  return messages;
}

/** Waits until `check` passes or throws its last error after `timeoutMs`. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}
