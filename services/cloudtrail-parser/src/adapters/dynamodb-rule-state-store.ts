import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RuleStateStore } from '../core/stateful-rules';
import { RuleStateStoreError } from '../errors';

export interface DynamoDbRuleStateStoreOptions {
  tableName: string;
  /** Epoch milliseconds (TTL is set from the later of now and the event time). */
  now(): number;
}

const HIT_SEPARATOR = '#';

/**
 * Threshold counters and dedup claims in the rule-state table (`pk`, `ttl`).
 * - A threshold key is one item whose string set `hits` holds `<eventTimeMs>#<eventId>`: `ADD` is atomic
 *   and idempotent (a redelivered event adds nothing), and the returned set is counted within the window.
 *   Hits older than two windows are removed with an atomic `DELETE`, so the item stays small.
 * - A dedup claim is a conditional put that only succeeds when the previous claim lies a window away.
 */
export function createDynamoDbRuleStateStore(
  client: DynamoDBDocumentClient,
  options: DynamoDbRuleStateStoreOptions
): RuleStateStore {
  const ttlFor = (eventTimeMs: number, windowMs: number) =>
    Math.ceil((Math.max(options.now(), eventTimeMs) + 2 * windowMs) / 1000) + 3600;

  return {
    async addThresholdHit(key, eventId, eventTimeMs, windowMs) {
      const hit = `${eventTimeMs}${HIT_SEPARATOR}${eventId}`;
      const hits = await guard(`threshold ${key}`, async () => {
        const response = await client.send(
          new UpdateCommand({
            TableName: options.tableName,
            Key: { pk: key },
            UpdateExpression: 'ADD hits :hit SET #ttl = :ttl',
            ExpressionAttributeNames: { '#ttl': 'ttl' },
            ExpressionAttributeValues: { ':hit': new Set([hit]), ':ttl': ttlFor(eventTimeMs, windowMs) },
            ReturnValues: 'UPDATED_NEW',
          })
        );
        const value: unknown = response.Attributes?.hits;
        return value instanceof Set
          ? [...value].filter((item): item is string => typeof item === 'string')
          : [hit];
      });
      let count = 0;
      const stale: string[] = [];
      for (const item of hits) {
        const time = Number(item.slice(0, item.indexOf(HIT_SEPARATOR)));
        if (time < eventTimeMs - 2 * windowMs) stale.push(item);
        else if (time >= eventTimeMs - windowMs && time <= eventTimeMs) count++;
      }
      if (stale.length > 0) {
        await guard(`threshold ${key}`, () =>
          client.send(
            new UpdateCommand({
              TableName: options.tableName,
              Key: { pk: key },
              UpdateExpression: 'DELETE hits :stale',
              ExpressionAttributeValues: { ':stale': new Set(stale) },
            })
          )
        );
      }
      return count;
    },

    async clearThreshold(key) {
      await guard(`threshold ${key}`, () =>
        client.send(new DeleteCommand({ TableName: options.tableName, Key: { pk: key } }))
      );
    },

    async claimDedup(key, eventTimeMs, windowMs) {
      try {
        await client.send(
          new PutCommand({
            TableName: options.tableName,
            Item: { pk: key, claimedAt: eventTimeMs, ttl: ttlFor(eventTimeMs, windowMs) },
            ConditionExpression: 'attribute_not_exists(pk) OR claimedAt <= :lo OR claimedAt >= :hi',
            ExpressionAttributeValues: { ':lo': eventTimeMs - windowMs, ':hi': eventTimeMs + windowMs },
          })
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw new RuleStateStoreError(`dedup ${key}: cannot claim`, { cause: error });
      }
    },
  };
}

async function guard<T>(what: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw new RuleStateStoreError(`${what}: ${error instanceof Error ? error.name : 'failed'}`, {
      cause: error,
    });
  }
}
