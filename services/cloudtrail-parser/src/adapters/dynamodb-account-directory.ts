import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { logger } from '@vigil/lambda-kit';
import {
  type AccountDirectory,
  type AccountInfo,
  AccountInfoSchema,
} from '../core/enrichment/account-directory';
import { RetryableCloudTrailParserError } from '../errors';

export interface DynamoDbAccountDirectoryOptions {
  tableName: string;
  /** How long an answer (found or not) is reused in a warm Lambda. */
  cacheSeconds: number;
  /** Epoch milliseconds. */
  now?: (() => number) | undefined;
}

/**
 * Account metadata from the platform's `vigil-<stage>-accounts` table (`accountId` key; `alias`, `ou`,
 * `tags`), cached per account. A malformed item is logged and treated as unknown, never fatal.
 */
export function createDynamoDbAccountDirectory(
  client: DynamoDBDocumentClient,
  options: DynamoDbAccountDirectoryOptions
): AccountDirectory {
  const now = options.now ?? Date.now;
  const cache = new Map<string, { value: AccountInfo | undefined; until: number }>();
  return {
    async get(accountId) {
      const cached = cache.get(accountId);
      if (cached !== undefined && cached.until > now()) return cached.value;
      let item: Record<string, unknown> | undefined;
      try {
        const response = await client.send(
          new GetCommand({ TableName: options.tableName, Key: { accountId } })
        );
        item = response.Item;
      } catch (error) {
        throw new RetryableCloudTrailParserError(`accounts: cannot read ${accountId}`, {
          code: 'ACCOUNT_DIRECTORY',
          cause: error,
        });
      }
      let value: AccountInfo | undefined;
      if (item !== undefined) {
        const parsed = AccountInfoSchema.safeParse(item);
        if (parsed.success) value = parsed.data;
        else logger.warn('malformed account item', { accountId, issues: parsed.error.issues.length });
      }
      cache.set(accountId, { value, until: now() + options.cacheSeconds * 1000 });
      return value;
    },
  };
}
