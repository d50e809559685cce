import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { AsffFindingSchema, SeverityLabelSchema } from '@vigil/event-schema';
import { isRetryable, logger } from '@vigil/lambda-kit';
import { z } from 'zod';
import { type CorrelationRecord, CorrelationRecordSchema } from '../core/correlation-record';
import type { FindingStore, PutMode, ResourceItems, ResourceTombstone, StoredFinding } from '../core/ports';
import { CorrelatorUnavailableError } from '../errors';

/** The tombstone's sort key (after every product key and correlation record). */
const TOMBSTONE_SORT_KEY = '~deleted';

export type DynamoDbFindingStoreOptions = {
  tableName: string;
  ttlDays: number;
  now?: (() => number) | undefined;
};

const FindingItemSchema = z.object({
  pk: z.string(),
  sk: z.string(),
  kind: z.literal('finding'),
  findingId: z.string(),
  productArn: z.string(),
  productKey: z.string(),
  accountId: z.string(),
  region: z.string().optional(),
  title: z.string(),
  severity: SeverityLabelSchema,
  updatedAt: z.string(),
  updatedAtMs: z.number(),
  firstSeenMs: z.number(),
  lastSeenMs: z.number(),
  state: z.enum(['ACTIVE', 'ARCHIVED', 'RESOLVED', 'SUPPRESSED', 'PASSED']),
  isLive: z.boolean(),
  resource: z.object({
    type: z.string(),
    id: z.string(),
    partition: z.string().optional(),
    region: z.string().optional(),
  }),
  finding: z.string(),
});
const TombstoneItemSchema = z.object({
  pk: z.string(),
  kind: z.literal('deleted'),
  deletedAtMs: z.number(),
  eventName: z.string(),
  eventId: z.string(),
});

/**
 * The findings table: `pk` = resource key, `sk` = `<product>#<finding id>` for findings,
 * `~correlation#<rule>#<window start>` for correlation records and `~deleted` for a deletion tombstone;
 * `kind` tells them apart (the stream filter passes only findings to the matcher); `ttl` expires everything
 * `ttlDays` after its last write. Every write is conditional, so redelivery and races are harmless.
 */
export function createDynamoDbFindingStore(
  client: DynamoDBDocumentClient,
  options: DynamoDbFindingStoreOptions
): FindingStore {
  const now = options.now ?? Date.now;
  const ttl = () => Math.floor(now() / 1000) + options.ttlDays * 86_400;
  const TableName = options.tableName;

  async function conditionalPut(
    item: Record<string, unknown>,
    condition: string,
    values?: Record<string, unknown>,
    names?: Record<string, string>
  ): Promise<boolean> {
    try {
      await client.send(
        new PutCommand({
          TableName,
          Item: item,
          ConditionExpression: condition,
          ...(values ? { ExpressionAttributeValues: values } : {}),
          ...(names ? { ExpressionAttributeNames: names } : {}),
        })
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw unavailable(`write ${String(item.pk)} ${String(item.sk)}`, error);
    }
  }

  return {
    async putFinding(finding: StoredFinding, mode: PutMode) {
      const { resourceKey, sortKey, finding: asff, ...fields } = finding;
      const item = {
        pk: resourceKey,
        sk: sortKey,
        kind: 'finding',
        ...fields,
        finding: JSON.stringify(asff),
        ttl: ttl(),
      };
      const condition =
        mode === 'upsert-if-newer'
          ? 'attribute_not_exists(sk) OR updatedAtMs < :updatedAtMs'
          : 'attribute_exists(sk) AND updatedAtMs < :updatedAtMs';
      return (await conditionalPut(item, condition, { ':updatedAtMs': finding.updatedAtMs }))
        ? 'stored'
        : 'stale';
    },

    async readResource(resourceKey: string): Promise<ResourceItems> {
      const items: Record<string, unknown>[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        try {
          const page = await client.send(
            new QueryCommand({
              TableName,
              KeyConditionExpression: 'pk = :pk',
              ExpressionAttributeValues: { ':pk': resourceKey },
              ConsistentRead: true,
              ExclusiveStartKey: startKey,
            })
          );
          items.push(...(page.Items ?? []));
          startKey = page.LastEvaluatedKey;
        } catch (error) {
          throw unavailable(`read ${resourceKey}`, error);
        }
      } while (startKey !== undefined);
      return toResourceItems(items);
    },

    createCorrelation: (record) => conditionalPut(correlationItem(record, ttl()), 'attribute_not_exists(sk)'),

    updateCorrelation: (record, expectedVersion) =>
      conditionalPut(
        correlationItem(record, ttl()),
        '#version = :expected',
        { ':expected': expectedVersion },
        { '#version': 'version' }
      ),

    async markImported(record) {
      try {
        await client.send(
          new UpdateCommand({
            TableName,
            Key: { pk: record.resourceKey, sk: record.sortKey },
            UpdateExpression: 'SET importedVersion = :version',
            ConditionExpression: '#version = :version',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':version': record.version },
          })
        );
      } catch (error) {
        // A newer version was written meanwhile: its own run imports it and marks it.
        if (error instanceof ConditionalCheckFailedException) return;
        throw unavailable(`mark ${record.correlationId} imported`, error);
      }
    },

    async putTombstone(tombstone: ResourceTombstone) {
      const { resourceKey, ...fields } = tombstone;
      // Keep the latest deletion (a bucket name can be deleted, re-created and deleted again).
      await conditionalPut(
        { pk: resourceKey, sk: TOMBSTONE_SORT_KEY, kind: 'deleted', ...fields, ttl: ttl() },
        'attribute_not_exists(sk) OR deletedAtMs < :deletedAtMs',
        { ':deletedAtMs': tombstone.deletedAtMs }
      );
    },
  };
}

function correlationItem(record: CorrelationRecord, ttl: number): Record<string, unknown> {
  const { resourceKey, sortKey, ...fields } = record;
  return { pk: resourceKey, sk: sortKey, kind: 'correlation', ...fields, ttl };
}

function toResourceItems(items: Record<string, unknown>[]): ResourceItems {
  const result: ResourceItems = { findings: [], correlations: [] };
  for (const item of items) {
    switch (item.kind) {
      case 'finding': {
        const parsed = FindingItemSchema.safeParse(item);
        const finding = parsed.success
          ? AsffFindingSchema.safeParse(parseJson(parsed.data.finding))
          : undefined;
        if (!parsed.success || !finding?.success) {
          logger.warn('malformed finding item skipped', { pk: item.pk, sk: item.sk });
          continue;
        }
        const { pk, sk, kind: _kind, finding: _text, ...fields } = parsed.data;
        result.findings.push({ ...fields, resourceKey: pk, sortKey: sk, finding: finding.data });
        break;
      }
      case 'correlation': {
        const parsed = CorrelationRecordSchema.safeParse({ ...item, resourceKey: item.pk, sortKey: item.sk });
        if (parsed.success) result.correlations.push(parsed.data);
        else logger.warn('malformed correlation item skipped', { pk: item.pk, sk: item.sk });
        break;
      }
      case 'deleted': {
        const parsed = TombstoneItemSchema.safeParse(item);
        if (parsed.success) {
          const { pk, kind: _kind, ...fields } = parsed.data;
          result.tombstone = { resourceKey: pk, ...fields };
        }
        break;
      }
    }
  }
  return result;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function unavailable(action: string, error: unknown): Error {
  if (!isRetryable(error)) return error instanceof Error ? error : new Error(String(error));
  return new CorrelatorUnavailableError(`findings table: cannot ${action}`, { cause: error });
}
