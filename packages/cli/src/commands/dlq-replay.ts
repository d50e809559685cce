import {
  DeleteMessageBatchCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import type { QueueInfo } from './dlq-queues';

/** `move-task`: SQS moves the messages itself (StartMessageMoveTask); `copy`: receive → send → delete. */
export type ReplayMethod = 'move-task' | 'copy';

export type ReplayPlan = {
  dlq: QueueInfo;
  destination: QueueInfo;
  method: ReplayMethod;
  /** At most this many messages (copy only); all when undefined. */
  max?: number | undefined;
};

export type ReplayResult = {
  method: ReplayMethod;
  moved: number;
  /** Sends that failed: those messages stay in the DLQ (visible again after the visibility timeout). */
  failed: { messageId: string; reason: string }[];
  /** Sent but not deleted from the DLQ: they may be delivered twice (handlers are idempotent). */
  notDeleted: number;
  /** StartMessageMoveTask's handle (move-task only). */
  taskHandle?: string | undefined;
};

/** Long enough to send and delete a batch; a message whose send failed comes back after it. */
const VISIBILITY_TIMEOUT_S = 60;

/**
 * Chooses how to replay: SQS's own move task when talking to AWS, replaying everything into the queue
 * that redrives into the DLQ (the only case StartMessageMoveTask supports); otherwise receive → send →
 * delete (local clouds, `--max`, a destination other than the redrive source).
 */
export function chooseReplayMethod(input: {
  dlq: QueueInfo;
  destination: QueueInfo;
  max?: number | undefined;
  isLocal: boolean;
  isRedriveSource: boolean;
}): ReplayMethod {
  if (input.isLocal || input.max !== undefined || !input.isRedriveSource) return 'copy';
  return 'move-task';
}

function copyAttributes(
  attributes: Record<string, MessageAttributeValue> | undefined
): Record<string, MessageAttributeValue> | undefined {
  if (attributes === undefined || Object.keys(attributes).length === 0) return undefined;
  const copied: Record<string, MessageAttributeValue> = {};
  for (const [name, value] of Object.entries(attributes)) {
    // SendMessage takes DataType with a string or binary value (the list forms are reserved).
    copied[name] = {
      DataType: value.DataType,
      ...(value.StringValue === undefined ? {} : { StringValue: value.StringValue }),
      ...(value.BinaryValue === undefined ? {} : { BinaryValue: value.BinaryValue }),
    };
  }
  return copied;
}

/** The send entry that carries a received message unchanged: body, attributes, trace header, FIFO ids. */
export function toSendEntry(message: Message, id: string, isFifo: boolean): SendMessageBatchRequestEntry {
  const system = message.Attributes ?? {};
  const attributes = copyAttributes(message.MessageAttributes);
  return {
    Id: id,
    MessageBody: message.Body ?? '',
    ...(attributes === undefined ? {} : { MessageAttributes: attributes }),
    ...(system.AWSTraceHeader === undefined
      ? {}
      : {
          MessageSystemAttributes: {
            AWSTraceHeader: { DataType: 'String', StringValue: system.AWSTraceHeader },
          },
        }),
    ...(isFifo
      ? {
          MessageGroupId: system.MessageGroupId ?? 'vigil-replay',
          MessageDeduplicationId: system.MessageDeduplicationId ?? message.MessageId,
        }
      : {}),
  };
}

async function copyMessages(
  sqs: SQSClient,
  plan: ReplayPlan,
  onProgress: (moved: number) => void
): Promise<ReplayResult> {
  const result: ReplayResult = { method: 'copy', moved: 0, failed: [], notDeleted: 0 };
  const isFifo = plan.destination.name.endsWith('.fifo');
  let remaining = plan.max ?? Number.POSITIVE_INFINITY;
  while (remaining > 0) {
    const { Messages: messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: plan.dlq.url,
        MaxNumberOfMessages: Math.min(10, remaining),
        WaitTimeSeconds: 1,
        VisibilityTimeout: VISIBILITY_TIMEOUT_S,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
      })
    );
    if (messages.length === 0) break;
    remaining -= messages.length;
    const entries = messages.map((message, index) => toSendEntry(message, String(index), isFifo));
    const sent = await sqs.send(
      new SendMessageBatchCommand({ QueueUrl: plan.destination.url, Entries: entries })
    );
    for (const failure of sent.Failed ?? []) {
      const message = messages[Number(failure.Id)];
      result.failed.push({
        messageId: message?.MessageId ?? '?',
        reason: `${failure.Code}: ${failure.Message ?? ''}`.trim(),
      });
    }
    // Only what the destination acknowledged leaves the DLQ.
    const toDelete = (sent.Successful ?? [])
      .map((success) => messages[Number(success.Id)]?.ReceiptHandle)
      .filter((handle): handle is string => handle !== undefined)
      .map((handle, index) => ({ Id: String(index), ReceiptHandle: handle }));
    if (toDelete.length > 0) {
      const deleted = await sqs.send(
        new DeleteMessageBatchCommand({ QueueUrl: plan.dlq.url, Entries: toDelete })
      );
      result.notDeleted += deleted.Failed?.length ?? 0;
    }
    result.moved += toDelete.length;
    onProgress(result.moved);
    // Nothing got through: stop rather than cycle through the same failing messages.
    if (toDelete.length === 0) break;
  }
  return result;
}

/**
 * Moves a DLQ's messages back to `destination` (see {@link chooseReplayMethod}). Never deletes a message
 * before its send succeeded.
 *
 * @example
 * ```ts
 * const result = await replayDeadLetters(sqs, { dlq, destination, method: 'copy', max: 100 });
 * ```
 */
export async function replayDeadLetters(
  sqs: SQSClient,
  plan: ReplayPlan,
  onProgress: (moved: number) => void = () => undefined
): Promise<ReplayResult> {
  if (plan.method === 'copy') return copyMessages(sqs, plan, onProgress);
  const started = await sqs.send(
    new StartMessageMoveTaskCommand({ SourceArn: plan.dlq.arn, DestinationArn: plan.destination.arn })
  );
  return { method: 'move-task', moved: 0, failed: [], notDeleted: 0, taskHandle: started.TaskHandle };
}
