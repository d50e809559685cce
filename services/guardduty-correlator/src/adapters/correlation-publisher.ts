import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { buildPutEventsEntry, type CorrelatedFinding, VIGIL_CORRELATED_FINDING } from '@vigil/event-schema';
import { isRetryable } from '@vigil/lambda-kit';
import type { CorrelationPublisher } from '../core/ports';
import { CorrelatorUnavailableError } from '../errors';

/**
 * Announces a correlated finding: `Vigil Correlated Finding` on the stage's bus (the contract's schema is
 * checked by `buildPutEventsEntry`) and a message on the alert topic with `severity` and `ruleId` attributes
 * for subscription filter policies.
 */
export function createCorrelationPublisher(
  clients: { eventBridge: EventBridgeClient; sns: SNSClient },
  options: { eventBusName: string; alertTopicArn: string }
): CorrelationPublisher {
  return {
    async publish(detail: CorrelatedFinding) {
      const entry = buildPutEventsEntry(VIGIL_CORRELATED_FINDING, detail, options.eventBusName);
      const result = await send('bus', () =>
        clients.eventBridge.send(new PutEventsCommand({ Entries: [entry] }))
      );
      if ((result.FailedEntryCount ?? 0) > 0) {
        const [failed] = result.Entries ?? [];
        throw new CorrelatorUnavailableError(
          `bus refused ${detail.finding.Id}: ${failed?.ErrorCode} ${failed?.ErrorMessage}`
        );
      }
      const finding = detail.finding;
      await send('alert topic', () =>
        clients.sns.send(
          new PublishCommand({
            TopicArn: options.alertTopicArn,
            Subject: `Vigil CRITICAL: ${finding.Title}`.slice(0, 100),
            Message: JSON.stringify(
              {
                title: finding.Title,
                severity: 'CRITICAL',
                ruleId: detail.ruleId,
                resource: detail.resourceKey,
                findingId: finding.Id,
                members: detail.memberFindingIds,
                remediation: finding.Remediation?.Recommendation.Text,
                note: finding.Note?.Text,
              },
              null,
              2
            ),
            MessageAttributes: {
              severity: { DataType: 'String', StringValue: 'CRITICAL' },
              ruleId: { DataType: 'String', StringValue: detail.ruleId },
            },
          })
        )
      );
    },
  };
}

async function send<T>(target: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isRetryable(error))
      throw new CorrelatorUnavailableError(`cannot publish to the ${target}`, { cause: error });
    throw error;
  }
}
