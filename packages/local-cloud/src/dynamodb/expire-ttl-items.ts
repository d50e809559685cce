import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  paginateScan,
} from '@aws-sdk/client-dynamodb';
import { LocalCloudError } from '../errors';

/**
 * Deletes the items whose TTL attribute (epoch seconds) is before `now` — what DynamoDB's TTL sweeper
 * does in AWS and DynamoDB Local never does. Returns how many it deleted. Deletions reach the table's
 * stream as ordinary REMOVE records (AWS marks TTL deletions with a `userIdentity` of dynamodb.amazonaws.com).
 *
 * @example
 * const deleted = await expireTtlItems(client, 'vigil-dev-findings', new Date('2030-01-01T00:00:00Z'));
 */
export async function expireTtlItems(client: DynamoDBClient, table: string, now: Date): Promise<number> {
  const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: table }));
  const attribute = ttl.TimeToLiveDescription?.AttributeName;
  if (ttl.TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED' || attribute === undefined) {
    throw new LocalCloudError(`table ${table} has no TTL enabled`);
  }
  const description = await client.send(new DescribeTableCommand({ TableName: table }));
  const keyNames = (description.Table?.KeySchema ?? []).map((key) => key.AttributeName ?? '');
  const nowSeconds = { N: String(Math.floor(now.getTime() / 1000)) };
  let deleted = 0;
  const pages = paginateScan(
    { client },
    {
      TableName: table,
      FilterExpression: '#ttl < :now',
      ExpressionAttributeNames: { '#ttl': attribute },
      ExpressionAttributeValues: { ':now': nowSeconds },
    }
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      const key = Object.fromEntries(
        keyNames.flatMap((name) => (item[name] === undefined ? [] : [[name, item[name]]]))
      );
      try {
        // Re-checked on delete: an item whose TTL was pushed out meanwhile stays.
        await client.send(
          new DeleteItemCommand({
            TableName: table,
            Key: key,
            ConditionExpression: '#ttl < :now',
            ExpressionAttributeNames: { '#ttl': attribute },
            ExpressionAttributeValues: { ':now': nowSeconds },
          })
        );
        deleted += 1;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
  }
  return deleted;
}
