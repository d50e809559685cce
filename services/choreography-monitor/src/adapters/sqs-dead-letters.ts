import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** Where events that can never be processed are kept, with the reason. */
export interface DeadLetters {
  park(body: string, reason: { code: string; message: string; handler: string }): Promise<void>;
}

/** Sends the original message body to the DLQ with `reason`, `errorCode` and `handler` attributes. */
export class SqsDeadLetters implements DeadLetters {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string
  ) {}

  async park(body: string, reason: { code: string; message: string; handler: string }): Promise<void> {
    const text = (value: string) => ({ DataType: 'String', StringValue: value.slice(0, 1024) || '-' });
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: body,
        MessageAttributes: {
          reason: text(reason.message),
          errorCode: text(reason.code),
          handler: text(reason.handler),
        },
      })
    );
  }
}
