import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { TOKEN_SORT_KEY } from '../core/asl-names';
import type { CallbackEvent } from '../core/callback-event';
import type {
  ClaimOutcome,
  ClaimTarget,
  InboxItem,
  SeenRecord,
  TokenRecord,
  TokenStore,
} from '../core/token-store';
import { RetryableError } from '../errors';
import {
  cancellation,
  claimOutcome,
  INBOX_PREFIX,
  InboxItemSchema,
  SeenItemSchema,
  seenKey,
  TokenItemSchema,
  type TransactResult,
} from './dynamodb-token-items';

/** Read requests and capacity, for the benchmark's "reads per event". */
export type TokenStoreStats = { readRequests: number; readUnits: number };

/** Reads of every store in this process (the benchmark runs the handlers in-process). */
export const tokenStoreReads: TokenStoreStats = { readRequests: 0, readUnits: 0 };

/**
 * The tokens table through the DynamoDB document client. Reads are strongly consistent; claims and
 * inbox writes are transactions whose conditions make concurrent workers agree.
 */
export class DynamoDbTokenStore implements TokenStore {
  readonly stats: TokenStoreStats = { readRequests: 0, readUnits: 0 };

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string
  ) {}

  async getToken(pk: string): Promise<TokenRecord | undefined> {
    const { Item, ConsumedCapacity } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk, sk: TOKEN_SORT_KEY },
        ConsistentRead: true,
        ReturnConsumedCapacity: 'TOTAL',
      })
    );
    this.count(ConsumedCapacity?.CapacityUnits);
    return Item === undefined ? undefined : TokenItemSchema.parse(Item);
  }

  async getTokenAndInbox(pk: string): Promise<{ token: TokenRecord | undefined; inbox: InboxItem[] }> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :token)',
          ExpressionAttributeValues: { ':pk': pk, ':token': TOKEN_SORT_KEY },
          ConsistentRead: true,
          ReturnConsumedCapacity: 'TOTAL',
          ExclusiveStartKey: startKey,
        })
      );
      this.count(page.ConsumedCapacity?.CapacityUnits);
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    const tokenItem = items.find((item) => item.sk === TOKEN_SORT_KEY);
    const inbox = items
      .filter((item) => typeof item.sk === 'string' && item.sk.startsWith(INBOX_PREFIX))
      .map((item) => InboxItemSchema.parse(item));
    return { token: tokenItem === undefined ? undefined : TokenItemSchema.parse(tokenItem), inbox };
  }

  async getSeen(pk: string, eventId: string): Promise<SeenRecord | undefined> {
    const { Item, ConsumedCapacity } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk, sk: seenKey(eventId) },
        ConsistentRead: true,
        ReturnConsumedCapacity: 'TOTAL',
      })
    );
    this.count(ConsumedCapacity?.CapacityUnits);
    return Item === undefined ? undefined : SeenItemSchema.parse(Item);
  }

  async claimForEvent(
    pk: string,
    token: ClaimTarget,
    event: CallbackEvent,
    options: { now: Date; ttl: number }
  ): Promise<ClaimOutcome> {
    const seen = {
      pk,
      sk: seenKey(event.id),
      eventId: event.id,
      status: 'claimed',
      token: token.token,
      state: token.state,
      ttl: options.ttl,
    };
    return claimOutcome(
      await this.transact([
        this.claimToken(pk, token, event, options.now, 'event'),
        { Put: { TableName: this.tableName, Item: seen, ConditionExpression: 'attribute_not_exists(pk)' } },
      ])
    );
  }

  async claimFromInbox(
    pk: string,
    token: ClaimTarget,
    item: InboxItem,
    options: { now: Date; ttl: number }
  ): Promise<ClaimOutcome> {
    const result = await this.transact([
      this.claimToken(pk, token, item.event, options.now, 'inbox'),
      {
        Delete: {
          TableName: this.tableName,
          Key: { pk, sk: item.sk },
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: { pk, sk: seenKey(item.event.id) },
          UpdateExpression:
            'SET #status = :claimed, #token = :token, #state = :state, #ttl = if_not_exists(#ttl, :ttl), eventId = :id',
          ExpressionAttributeNames: {
            '#status': 'status',
            '#token': 'token',
            '#state': 'state',
            '#ttl': 'ttl',
          },
          ExpressionAttributeValues: {
            ':claimed': 'claimed',
            ':token': token.token,
            ':state': token.state,
            ':ttl': options.ttl,
            ':id': item.event.id,
          },
        },
      },
    ]);
    // The inbox item already went (another worker delivered it): contended, like a lost token.
    return claimOutcome(result) === 'claimed' ? 'claimed' : 'contended';
  }

  async putInInbox(
    pk: string,
    event: CallbackEvent,
    options: { now: Date; ttl: number }
  ): Promise<'stored' | 'duplicate'> {
    const receivedAt = options.now.toISOString();
    const inbox = {
      pk,
      sk: `${INBOX_PREFIX}${event.time}#${event.id}`,
      event: JSON.stringify(event),
      receivedAt,
      ttl: options.ttl,
    };
    const seen = { pk, sk: seenKey(event.id), eventId: event.id, status: 'inboxed', ttl: options.ttl };
    const result = await this.transact([
      { Put: { TableName: this.tableName, Item: inbox, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: this.tableName, Item: seen, ConditionExpression: 'attribute_not_exists(pk)' } },
    ]);
    if (result.kind === 'conflict')
      throw new RetryableError(`${pk}: inbox write of ${event.id} collided; retry`, {
        code: 'TRANSACTION_CONFLICT',
      });
    return result.kind === 'done' ? 'stored' : 'duplicate';
  }

  async markDelivered(
    pk: string,
    token: string,
    eventId: string,
    now: Date,
    options: { onToken: boolean } = { onToken: true }
  ): Promise<void> {
    const at = now.toISOString();
    const onToken = async () => {
      try {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { pk, sk: TOKEN_SORT_KEY },
            UpdateExpression: 'SET deliveredAt = :at',
            // The next state may have stored its token already: never touch that one.
            ConditionExpression: '#token = :token AND claimedBy = :id',
            ExpressionAttributeNames: { '#token': 'token' },
            ExpressionAttributeValues: { ':at': at, ':token': token, ':id': eventId },
          })
        );
      } catch (error) {
        if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
      }
    };
    await Promise.all([
      options.onToken ? onToken() : undefined,
      this.setSeenStatus(pk, eventId, 'delivered', { deliveredAt: at }),
    ]);
  }

  async markRejected(pk: string, eventId: string, reason: string): Promise<void> {
    await this.setSeenStatus(pk, eventId, 'rejected', { reason });
  }

  private async setSeenStatus(
    pk: string,
    eventId: string,
    status: SeenRecord['status'],
    extra: Record<string, string>
  ): Promise<void> {
    const sets = Object.keys(extra).map((key) => `${key} = :${key}`);
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk, sk: seenKey(eventId) },
        UpdateExpression: `SET #status = :status, eventId = :eventId${sets.map((set) => `, ${set}`).join('')}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': status,
          ':eventId': eventId,
          ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [`:${k}`, v])),
        },
      })
    );
  }

  private claimToken(
    pk: string,
    token: ClaimTarget,
    event: CallbackEvent,
    now: Date,
    via: 'event' | 'inbox'
  ): NonNullable<TransactWriteCommandInput['TransactItems']>[number] {
    return {
      Update: {
        TableName: this.tableName,
        Key: { pk, sk: TOKEN_SORT_KEY },
        UpdateExpression: 'SET claimedBy = :id, claimedAt = :now, claimedVia = :via, claimedEvent = :event',
        ConditionExpression: '#token = :token AND attribute_not_exists(claimedBy)',
        ExpressionAttributeNames: { '#token': 'token' },
        ExpressionAttributeValues: {
          ':id': event.id,
          ':now': now.toISOString(),
          ':via': via,
          ':event': JSON.stringify(event),
          ':token': token.token,
        },
      },
    };
  }

  private async transact(
    items: NonNullable<TransactWriteCommandInput['TransactItems']>
  ): Promise<TransactResult> {
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: items }));
      return { kind: 'done' };
    } catch (error) {
      return cancellation(error);
    }
  }

  private count(units: number | undefined): void {
    for (const stats of [this.stats, tokenStoreReads]) {
      stats.readRequests += 1;
      stats.readUnits += units ?? 0;
    }
  }
}
