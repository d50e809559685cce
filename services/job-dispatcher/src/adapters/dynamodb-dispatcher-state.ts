import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { DispatcherState, DispatcherStateStore } from '../core/dispatcher-state-store';
import type { Item } from './job-item-codec';
import { rethrowThrottling } from './throttling';

const STATE_KEY = { pk: { S: 'dispatcher#state' } };
const LEASE_KEY = { pk: { S: 'dispatcher#lease' } };

/** The dispatcher's state item (watermark, pause) and tick lease item, in the dispatcher-state table. */
export class DynamoDbDispatcherState implements DispatcherStateStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string
  ) {}

  async load(): Promise<DispatcherState> {
    const response = await this.client
      .send(new GetItemCommand({ TableName: this.tableName, Key: STATE_KEY, ConsistentRead: true }))
      .catch((error: unknown) => rethrowThrottling('dynamodb', error));
    const item = response.Item ?? {};
    return {
      watermark: item.watermark?.S,
      pausedUntil: item.pausedUntil?.S,
      pauseReason: item.pauseReason?.S,
    };
  }

  async save(state: DispatcherState): Promise<void> {
    const item: Item = { ...STATE_KEY, updatedAt: { S: new Date().toISOString() } };
    if (state.watermark !== undefined) item.watermark = { S: state.watermark };
    if (state.pausedUntil !== undefined) item.pausedUntil = { S: state.pausedUntil };
    if (state.pauseReason !== undefined) item.pauseReason = { S: state.pauseReason };
    await this.client.send(new PutItemCommand({ TableName: this.tableName, Item: item }));
  }

  async acquireLease(holder: string, now: Date, until: Date): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: { ...LEASE_KEY, holder: { S: holder }, expiresAt: { S: until.toISOString() } },
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now OR holder = :holder',
          ExpressionAttributeValues: { ':now': { S: now.toISOString() }, ':holder': { S: holder } },
        })
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      return rethrowThrottling('dynamodb', error);
    }
  }

  async releaseLease(holder: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteItemCommand({
          TableName: this.tableName,
          Key: LEASE_KEY,
          ConditionExpression: 'holder = :holder',
          ExpressionAttributeValues: { ':holder': { S: holder } },
        })
      );
    } catch (error) {
      // Another tick took over an expired lease: it is theirs now.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
