import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';

function toLambdaAttribute(value: MessageAttributeValue): Record<string, unknown> {
  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  return {
    ...(value.StringValue === undefined ? {} : { stringValue: value.StringValue }),
    ...(value.BinaryValue === undefined ? {} : { binaryValue: base64(value.BinaryValue) }),
    stringListValues: value.StringListValues ?? [],
    binaryListValues: (value.BinaryListValues ?? []).map(base64),
    dataType: value.DataType,
  };
}

/**
 * A received message in the shape Lambda's SQS event source delivers.
 *
 * @example
 * toSqsRecord(message, 'arn:aws:sqs:us-east-1:000000000000:work', 'us-east-1'); // { messageId, body, eventSource: 'aws:sqs', … }
 */
export function toSqsRecord(message: Message, queueArn: string, region: string): Record<string, unknown> {
  const attributes = Object.fromEntries(
    Object.entries(message.MessageAttributes ?? {}).map(([k, v]) => [k, toLambdaAttribute(v)])
  );
  return {
    messageId: message.MessageId,
    receiptHandle: message.ReceiptHandle,
    body: message.Body ?? '',
    attributes: message.Attributes ?? {},
    messageAttributes: attributes,
    ...(message.MD5OfMessageAttributes === undefined
      ? {}
      : { md5OfMessageAttributes: message.MD5OfMessageAttributes }),
    md5OfBody: message.MD5OfBody,
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}
