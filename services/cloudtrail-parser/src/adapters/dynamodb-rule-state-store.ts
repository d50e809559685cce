import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { RuleStateStore, ThresholdHit } from '../core/stateful-rules';
import { RuleStateStoreError } from '../errors';

export interface DynamoDbRuleStateStoreOptions {
  tableName: string;
  /** Epoch milliseconds (TTL is set from the later of now and the event time). */
  now(): number;
}

const SEPARATOR = '#';
/** Counting again after losing a firing race: each retry means another event fired meanwhile. */
const MAX_FIRING_ATTEMPTS = 5;
/**
 * State outlives its windows by this much, so a log redelivered hours later (SQS retries, then a DLQ
 * redrive) still finds which events were consumed and which fired.
 */
export const REDELIVERY_HORIZON_SECONDS = 24 * 3600;

/**
 * Threshold counters and dedup claims in the rule-state table (`pk`, `ttl`).
 * - A threshold key is one item with three string sets: `hits` (`<eventTimeMs>#<eventId>`, unconsumed),
 *   `consumed` (the same entries once a firing used them) and `firings` (`<eventTimeMs>#<count>#<eventId>`).
 *   `ADD` is atomic and idempotent (a redelivered event adds nothing) and refused for a consumed event;
 *   firing moves the counted hits to `consumed` and records the firing event in one update, conditional on
 *   the item's `epoch` (bumped by each firing), so two Lambdas counting one burst at once fire it once.
 *   Entries older than two windows are removed with an atomic `DELETE`, so the item stays small.
 * - A dedup claim is a conditional put that succeeds when the previous claim lies a window away or was
 *   made by the same event (a redelivery).
 */
export function createDynamoDbRuleStateStore(
  client: DynamoDBDocumentClient,
  options: DynamoDbRuleStateStoreOptions
): RuleStateStore {
  const ttlFor = (eventTimeMs: number, windowMs: number) =>
    Math.ceil((Math.max(options.now(), eventTimeMs) + 2 * windowMs) / 1000) + REDELIVERY_HORIZON_SECONDS;
  const update = (what: string, input: Omit<UpdateCommandInput, 'TableName'>) =>
    guard(what, () => client.send(new UpdateCommand({ TableName: options.tableName, ...input })));

  return {
    async hitThreshold(key, eventId, eventTimeMs, windowMs, threshold): Promise<ThresholdHit> {
      for (let attempt = 1; ; attempt++) {
        const result = await countHit(key, eventId, eventTimeMs, windowMs, threshold);
        if (result !== 'raced') return result;
        // Another event fired this key between our count and our firing: count again (our hit may now be
        // consumed by that firing, or too few are left to fire).
        if (attempt >= MAX_FIRING_ATTEMPTS) {
          throw new RuleStateStoreError(`threshold ${key}: firing kept racing other events`);
        }
      }
    },

    async claimDedup(key, eventId, eventTimeMs, windowMs) {
      try {
        await client.send(
          new PutCommand({
            TableName: options.tableName,
            Item: { pk: key, claimedAt: eventTimeMs, eventId, ttl: ttlFor(eventTimeMs, windowMs) },
            ConditionExpression:
              'attribute_not_exists(pk) OR claimedAt <= :lo OR claimedAt >= :hi OR eventId = :eventId',
            ExpressionAttributeValues: {
              ':lo': eventTimeMs - windowMs,
              ':hi': eventTimeMs + windowMs,
              ':eventId': eventId,
            },
          })
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw new RuleStateStoreError(`dedup ${key}: cannot claim`, { cause: error });
      }
    },
  };

  /**
   * Adds the event's hit and fires when the window holds `threshold` hits. The firing update is guarded by
   * the item's `epoch` (bumped by every firing): two Lambdas counting the same burst at once both see the
   * threshold reached, but only the first firing applies; the other gets `'raced'` and counts again.
   */
  async function countHit(
    key: string,
    eventId: string,
    eventTimeMs: number,
    windowMs: number,
    threshold: number
  ): Promise<ThresholdHit | 'raced'> {
    const what = `threshold ${key}`;
    const hit = `${eventTimeMs}${SEPARATOR}${eventId}`;
    const ttl = ttlFor(eventTimeMs, windowMs);
    let item: Record<string, unknown>;
    try {
      const response = await client.send(
        new UpdateCommand({
          TableName: options.tableName,
          Key: { pk: key },
          UpdateExpression: 'ADD #hits :hit SET #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(#consumed) OR NOT contains(#consumed, :entry)',
          ExpressionAttributeNames: { '#hits': 'hits', '#consumed': 'consumed', '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':hit': new Set([hit]), ':entry': hit, ':ttl': ttl },
          ReturnValues: 'ALL_NEW',
        })
      );
      item = response.Attributes ?? {};
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return replayedHit(key, eventId);
      throw storeError(what, error);
    }

    const horizon = eventTimeMs - 2 * windowMs;
    const hits = stringSet(item.hits);
    const fresh: string[] = [];
    const stale: string[] = [];
    let count = 0;
    for (const entry of hits) {
      const time = timeOf(entry);
      if (time < horizon) stale.push(entry);
      else {
        fresh.push(entry);
        if (time >= eventTimeMs - windowMs && time <= eventTimeMs) count++;
      }
    }
    const staleConsumed = stringSet(item.consumed).filter((entry) => timeOf(entry) < horizon);
    const staleFirings = stringSet(item.firings).filter((entry) => timeOf(entry) < horizon);

    if (count < threshold) {
      const removals = deleteClauses({ hits: stale, consumed: staleConsumed, firings: staleFirings });
      if (removals !== undefined) await update(what, { Key: { pk: key }, ...removals });
      return { count, fires: false };
    }
    const firing = `${eventTimeMs}${SEPARATOR}${count}${SEPARATOR}${eventId}`;
    const epoch = typeof item.epoch === 'number' ? item.epoch : 0;
    try {
      await client.send(
        new UpdateCommand({
          TableName: options.tableName,
          Key: { pk: key },
          UpdateExpression: `SET #epoch = :next DELETE #hits :hits ADD #firings :firing${fresh.length > 0 ? ', #consumed :fresh' : ''}`,
          ConditionExpression: epoch === 0 ? 'attribute_not_exists(#epoch)' : '#epoch = :epoch',
          ExpressionAttributeNames: {
            '#epoch': 'epoch',
            '#hits': 'hits',
            '#firings': 'firings',
            ...(fresh.length > 0 ? { '#consumed': 'consumed' } : {}),
          },
          ExpressionAttributeValues: {
            ':next': epoch + 1,
            ...(epoch === 0 ? {} : { ':epoch': epoch }),
            ':hits': new Set(hits),
            ':firing': new Set([firing]),
            ...(fresh.length > 0 ? { ':fresh': new Set(fresh) } : {}),
          },
        })
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'raced';
      throw storeError(what, error);
    }
    const removals = deleteClauses({ consumed: staleConsumed, firings: staleFirings });
    if (removals !== undefined) await update(what, { Key: { pk: key }, ...removals });
    return { count, fires: true };
  }

  /** A consumed event came again: it fires again if it was the firing one, else it counts nothing. */
  async function replayedHit(key: string, eventId: string): Promise<ThresholdHit> {
    const response = await guard(`threshold ${key}`, () =>
      client.send(new GetCommand({ TableName: options.tableName, Key: { pk: key }, ConsistentRead: true }))
    );
    for (const entry of stringSet(response.Item?.firings)) {
      const countStart = entry.indexOf(SEPARATOR) + 1;
      const countEnd = entry.indexOf(SEPARATOR, countStart);
      if (entry.slice(countEnd + 1) === eventId) {
        return { count: Number(entry.slice(countStart, countEnd)), fires: true };
      }
    }
    return { count: 0, fires: false };
  }
}

function timeOf(entry: string): number {
  return Number(entry.slice(0, entry.indexOf(SEPARATOR)));
}

function stringSet(value: unknown): string[] {
  return value instanceof Set ? [...value].filter((item): item is string => typeof item === 'string') : [];
}

/**
 * One `DELETE` update over the non-empty lists (DynamoDB refuses empty sets). Attribute names go through
 * placeholders: `consumed` is one of DynamoDB's reserved words.
 */
function deleteClauses(lists: Record<string, string[]>):
  | {
      UpdateExpression: string;
      ExpressionAttributeNames: Record<string, string>;
      ExpressionAttributeValues: Record<string, Set<string>>;
    }
  | undefined {
  const clauses: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, Set<string>> = {};
  for (const [attribute, entries] of Object.entries(lists)) {
    if (entries.length === 0) continue;
    clauses.push(`#${attribute} :${attribute}`);
    names[`#${attribute}`] = attribute;
    values[`:${attribute}`] = new Set(entries);
  }
  return clauses.length === 0
    ? undefined
    : {
        UpdateExpression: `DELETE ${clauses.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      };
}

function storeError(what: string, error: unknown): RuleStateStoreError {
  return new RuleStateStoreError(`${what}: ${error instanceof Error ? error.name : 'failed'}`, {
    cause: error,
  });
}

async function guard<T>(what: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw storeError(what, error);
  }
}
