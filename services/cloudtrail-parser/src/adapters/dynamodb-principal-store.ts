import { BatchWriteCommand, type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { type IssuedCredentials, IssuedCredentialsSchema } from '../core/enrichment/issued-credentials';
import type { PrincipalStore } from '../core/enrichment/principal-store';
import { RetryableCloudTrailParserError } from '../errors';
import { chunk } from './send-in-batches';

export interface DynamoDbPrincipalStoreOptions {
  tableName: string;
  /** Kept this long past the credentials' expiration: log files are delivered minutes after the calls. */
  graceSeconds: number;
  /** Epoch seconds (an expired key is treated as unknown even before DynamoDB's TTL sweeps it). */
  now(): number;
}

const BATCH_WRITE_SIZE = 25;
const MAX_BATCH_WRITE_ATTEMPTS = 5;

/**
 * Issued access keys in the principals table: item per `accessKeyId` holding the issuance (issuer, role,
 * session, sourceIdentity) and `ttl` = the credentials' expiration + grace.
 */
export function createDynamoDbPrincipalStore(
  client: DynamoDBDocumentClient,
  options: DynamoDbPrincipalStoreOptions
): PrincipalStore {
  return {
    async get(accessKeyId) {
      try {
        const response = await client.send(
          new GetCommand({ TableName: options.tableName, Key: { accessKeyId } })
        );
        const item = response.Item;
        if (item === undefined || typeof item.ttl !== 'number' || item.ttl < options.now()) return undefined;
        return fromItem(item);
      } catch (error) {
        throw new RetryableCloudTrailParserError(`principals: cannot read ${accessKeyId}`, {
          code: 'PRINCIPAL_STORE',
          cause: error,
        });
      }
    },

    async put(issued) {
      const unique = [...new Map(issued.map((entry) => [entry.accessKeyId, entry])).values()];
      for (const batch of chunk(unique, BATCH_WRITE_SIZE)) {
        let requests: { PutRequest: { Item: Record<string, unknown> } }[] = batch.map((entry) => ({
          PutRequest: { Item: { ...entry, ttl: entry.expiresAt + options.graceSeconds } },
        }));
        for (let attempt = 0; requests.length > 0; attempt++) {
          if (attempt >= MAX_BATCH_WRITE_ATTEMPTS) {
            throw new RetryableCloudTrailParserError(`principals: ${requests.length} keys not written`, {
              code: 'PRINCIPAL_STORE',
            });
          }
          const response = await client.send(
            new BatchWriteCommand({ RequestItems: { [options.tableName]: requests } })
          );
          requests = (response.UnprocessedItems?.[options.tableName] ?? []).flatMap((request) =>
            request.PutRequest?.Item ? [{ PutRequest: { Item: request.PutRequest.Item } }] : []
          );
        }
      }
    },
  };
}

// Items are written only by `put` above; anything else (a hand-edited item) reads as unknown.
function fromItem(item: Record<string, unknown>): IssuedCredentials | undefined {
  const parsed = IssuedCredentialsSchema.safeParse(item);
  return parsed.success ? parsed.data : undefined;
}
