import { type DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import { formatValidationError } from '@vigil/event-schema';
import {
  type WatchlistEntry,
  WatchlistEntrySchema,
  type WatchlistStore,
} from '../core/watchlist/watchlist-entry';

/** The watchlist table (`ruleId` key), read whole: it holds tens of items, not thousands. */
export function createDynamoDbWatchlistStore(
  client: DynamoDBDocumentClient,
  tableName: string
): WatchlistStore {
  return {
    async list() {
      const entries: WatchlistEntry[] = [];
      const problems: { ruleId: string; reason: string }[] = [];
      for await (const page of paginateScan({ client }, { TableName: tableName, ConsistentRead: true })) {
        for (const item of page.Items ?? []) {
          const parsed = WatchlistEntrySchema.safeParse(item);
          if (parsed.success) entries.push(parsed.data);
          else {
            const ruleId = typeof item.ruleId === 'string' ? item.ruleId : '(no ruleId)';
            problems.push({ ruleId, reason: formatValidationError(parsed.error) });
          }
        }
      }
      return { entries, problems };
    },
  };
}
