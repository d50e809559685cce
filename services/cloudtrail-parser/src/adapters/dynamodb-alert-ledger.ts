import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AlertChannelName } from '../core/publish/alert-channel';
import type { AlertClaim, AlertLedger } from '../core/publish/alert-ledger';
import { RetryableCloudTrailParserError } from '../errors';

export interface DynamoDbAlertLedgerOptions {
  tableName: string;
  /** How long a published alert id is remembered. */
  ttlSeconds: number;
  /** A claim older than this that never completed is taken over (its Lambda died). */
  staleAfterSeconds: number;
}

const CHANNELS: readonly AlertChannelName[] = ['sns', 'bus'];

/**
 * The alert ledger in the rule-state table: item `alert#<id>` with `claimedAt`, one boolean per delivered
 * channel, `done` once every channel has it, and `ttl`. Claims are conditional updates, so two Lambdas
 * racing on the same alert cannot both publish it.
 */
export function createDynamoDbAlertLedger(
  client: DynamoDBDocumentClient,
  options: DynamoDbAlertLedgerOptions
): AlertLedger {
  const key = (alertId: string) => ({ pk: `alert#${alertId}` });
  return {
    async claim(alertId, nowSeconds): Promise<AlertClaim | undefined> {
      try {
        const response = await client.send(
          new UpdateCommand({
            TableName: options.tableName,
            Key: key(alertId),
            UpdateExpression: 'SET claimedAt = :now, #ttl = :ttl',
            ConditionExpression:
              'attribute_not_exists(pk) OR (attribute_not_exists(done) AND claimedAt < :stale)',
            ExpressionAttributeNames: { '#ttl': 'ttl' },
            ExpressionAttributeValues: {
              ':now': nowSeconds,
              ':ttl': nowSeconds + options.ttlSeconds,
              ':stale': nowSeconds - options.staleAfterSeconds,
            },
            ReturnValues: 'ALL_NEW',
          })
        );
        const item = response.Attributes ?? {};
        return { alertId, delivered: new Set(CHANNELS.filter((channel) => item[channel] === true)) };
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return undefined;
        throw new RetryableCloudTrailParserError(`alert ledger: cannot claim ${alertId}`, {
          code: 'ALERT_LEDGER',
          cause: error,
        });
      }
    },

    async settle(alertId, delivered, complete): Promise<void> {
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = {};
      const sets = delivered.map((channel, index) => {
        names[`#c${index}`] = channel;
        values[':true'] = true;
        return `#c${index} = :true`;
      });
      // Completing keeps the item (so later duplicates are refused); releasing makes the claim stale at once.
      if (complete) {
        sets.push('done = :true');
        values[':true'] = true;
      } else {
        sets.push('claimedAt = :released');
        values[':released'] = 0;
      }
      try {
        await client.send(
          new UpdateCommand({
            TableName: options.tableName,
            Key: key(alertId),
            UpdateExpression: `SET ${sets.join(', ')}`,
            ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
            ExpressionAttributeValues: values,
          })
        );
      } catch (error) {
        throw new RetryableCloudTrailParserError(`alert ledger: cannot settle ${alertId}`, {
          code: 'ALERT_LEDGER',
          cause: error,
        });
      }
    },
  };
}
