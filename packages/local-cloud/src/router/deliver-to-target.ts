import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { PublishCommand } from '@aws-sdk/client-sns';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { DeliveryError } from '../errors';
import { type AwsClients, queueUrlOf } from './aws-clients';
import type { LambdaInvoker } from './lambda-invoker';

/** Everything a delivery needs besides the target. */
export interface DeliveryContext {
  clients: AwsClients;
  invoker: LambdaInvoker;
  /** Forward to another bus (bus-to-bus target). */
  forwardToBus(busArn: string, eventText: string): Promise<void>;
}

// Lambda's asynchronous invocation retries a failing function twice before giving up.
const ASYNC_LAMBDA_ATTEMPTS = 3;

/**
 * Sends `payload` (text, as EventBridge renders it for the target) to a Lambda function, SQS queue,
 * SNS topic, Step Functions state machine or another event bus, chosen by the target ARN's service.
 *
 * @example
 * await deliverToTarget(context, 'arn:aws:sqs:us-east-1:000000000000:q', '{"a":1}');
 */
export async function deliverToTarget(
  context: DeliveryContext,
  arn: string,
  payload: string,
  options: { messageGroupId?: string | undefined; subject?: string | undefined } = {}
): Promise<void> {
  const service = arn.split(':')[2];
  switch (service) {
    case 'lambda': {
      const event: unknown = JSON.parse(payload);
      let lastError: unknown;
      for (let attempt = 1; attempt <= ASYNC_LAMBDA_ATTEMPTS; attempt += 1) {
        try {
          await context.invoker.invoke(arn, event);
          return;
        } catch (error) {
          lastError = error;
        }
      }
      throw lastError;
    }
    case 'sqs':
      await context.clients.sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrlOf(context.clients.fauxqsUrl, arn),
          MessageBody: payload,
          ...(options.messageGroupId === undefined ? {} : { MessageGroupId: options.messageGroupId }),
        })
      );
      return;
    case 'sns':
      await context.clients.sns.send(
        new PublishCommand({ TopicArn: arn, Message: payload, Subject: options.subject })
      );
      return;
    case 'states':
      await context.clients.sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: payload }));
      return;
    case 'events':
      await context.forwardToBus(arn, payload);
      return;
    default:
      throw new DeliveryError(`target ${arn}: service ${service} is not supported locally`);
  }
}

/** On a final failure EventBridge sends the event to the target's DLQ with these attributes. */
export async function sendToTargetDlq(
  context: DeliveryContext,
  dlqArn: string,
  eventText: string,
  details: { ruleArn: string; targetArn: string; error: unknown }
): Promise<void> {
  const message = details.error instanceof Error ? details.error.message : String(details.error);
  const attribute = (value: string) => ({ DataType: 'String', StringValue: value });
  await context.clients.sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrlOf(context.clients.fauxqsUrl, dlqArn),
      MessageBody: eventText,
      MessageAttributes: {
        ERROR_CODE: attribute(details.error instanceof DeliveryError ? 'FUNCTION_ERROR' : 'SDK_CLIENT_ERROR'),
        ERROR_MESSAGE: attribute(message.slice(0, 1000)),
        RULE_ARN: attribute(details.ruleArn),
        TARGET_ARN: attribute(details.targetArn),
      },
    })
  );
}
