import { type CompiledPattern, compilePattern } from '@vigil/event-patterns';
import type { SnsPublish } from '../fauxqs/start-fauxqs';

/** A topic → function subscription (fauxqs only delivers to SQS; the router does Lambda). */
export interface SnsLambdaSubscription {
  topicArn: string;
  functionName: string;
  subscriptionArn: string;
  filterPolicy?: unknown;
  filterPolicyScope?: 'MessageAttributes' | 'MessageBody' | undefined;
}

function attributeValues(publish: SnsPublish): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(publish.messageAttributes)) {
    const text = attribute.StringValue ?? '';
    if (attribute.DataType.startsWith('Number')) values[name] = Number(text);
    else if (attribute.DataType === 'String.Array') values[name] = JSON.parse(text) as unknown;
    else values[name] = text;
  }
  return values;
}

/**
 * A predicate applying the subscription's filter policy. SNS filter policies share EventBridge's
 * operators (exact, prefix, anything-but, numeric, exists), so the pattern engine evaluates them over
 * the attributes (or the JSON body with `FilterPolicyScope: MessageBody`).
 *
 * @example
 * subscriptionFilter({ ...subscription, filterPolicy: { severity: ['HIGH'] } })(publish)
 */
export function subscriptionFilter(subscription: SnsLambdaSubscription): (publish: SnsPublish) => boolean {
  if (subscription.filterPolicy === undefined) return () => true;
  const pattern: CompiledPattern = compilePattern(subscription.filterPolicy);
  return (publish) => {
    if (subscription.filterPolicyScope === 'MessageBody') {
      try {
        return pattern.matches(JSON.parse(publish.body));
      } catch {
        return false;
      }
    }
    return pattern.matches(attributeValues(publish));
  };
}

/**
 * The SNS event Lambda receives for one published message.
 *
 * @example
 * snsLambdaEvent(publish, subscription.subscriptionArn)
 */
export function snsLambdaEvent(publish: SnsPublish, subscriptionArn: string) {
  const attributes = Object.fromEntries(
    Object.entries(publish.messageAttributes).map(([name, a]) => [
      name,
      { Type: a.DataType, Value: a.StringValue ?? '' },
    ])
  );
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: subscriptionArn,
        Sns: {
          Type: 'Notification',
          MessageId: publish.messageId,
          TopicArn: publish.topicArn,
          Subject: null,
          Message: publish.body,
          Timestamp: new Date(publish.at).toISOString(),
          SignatureVersion: '1',
          Signature: 'LOCALCLOUD',
          SigningCertUrl: 'https://sns.local/SimpleNotificationService.pem',
          UnsubscribeUrl: `https://sns.local/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`,
          MessageAttributes: attributes,
        },
      },
    ],
  };
}
