import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import {
  createDynamoDbRuleStateStore,
  REDELIVERY_HORIZON_SECONDS,
} from '../../../src/adapters/dynamodb-rule-state-store';
import { RuleStateStoreError } from '../../../src/errors';

const TABLE = 'vigil-test-ct-rule-state';
const KEY = 'threshold|burst|[["arn:a"]]';
const MINUTE = 60_000;
const T0 = Date.parse('2024-05-01T10:00:00Z');
const WINDOW = 5 * MINUTE;

const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const dynamo = mockClient(documentClient);

function conditionFailed(): ConditionalCheckFailedException {
  return new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
}

/** The inputs of every call of `command` (compared with toEqual: the mock's matchers ignore Set contents). */
function inputsOf(command: typeof UpdateCommand): unknown[] {
  return dynamo.commandCalls(command).map((call) => call.args[0].input);
}

function store() {
  return createDynamoDbRuleStateStore(documentClient, { tableName: TABLE, now: () => T0 });
}

describe('createDynamoDbRuleStateStore', () => {
  beforeEach(() => {
    dynamo.reset();
  });

  describe('hitThreshold', () => {
    it('adds the hit unless it was consumed and counts the hits within the window', async () => {
      // Prepare
      dynamo.on(UpdateCommand).resolvesOnce({
        Attributes: {
          hits: new Set([`${T0 - 6 * MINUTE}#old`, `${T0 - MINUTE}#e1`, `${T0}#e2`, `${T0 + MINUTE}#later`]),
        },
      });

      // Act
      const hit = await store().hitThreshold(KEY, 'e2', T0, WINDOW, 3);

      // Assess
      expect(hit).toEqual({ count: 2, fires: false });
      expect(inputsOf(UpdateCommand)).toEqual([
        {
          TableName: TABLE,
          Key: { pk: KEY },
          UpdateExpression: 'ADD #hits :hit SET #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(#consumed) OR NOT contains(#consumed, :entry)',
          ExpressionAttributeNames: { '#hits': 'hits', '#consumed': 'consumed', '#ttl': 'ttl' },
          ExpressionAttributeValues: {
            ':hit': new Set([`${T0}#e2`]),
            ':entry': `${T0}#e2`,
            ':ttl': Math.ceil((T0 + 2 * WINDOW) / 1000) + REDELIVERY_HORIZON_SECONDS,
          },
          ReturnValues: 'ALL_NEW',
        },
      ]);
    });

    it('removes entries older than two windows with an atomic DELETE', async () => {
      // Prepare
      const staleHit = `${T0 - 11 * MINUTE}#ancient`;
      const staleFiring = `${T0 - 12 * MINUTE}#3#fired-long-ago`;
      dynamo
        .on(UpdateCommand)
        .resolvesOnce({
          Attributes: {
            hits: new Set([staleHit, `${T0}#e2`]),
            firings: new Set([staleFiring]),
          },
        })
        .resolves({});

      // Act
      const hit = await store().hitThreshold(KEY, 'e2', T0, WINDOW, 3);

      // Assess
      expect(hit).toEqual({ count: 1, fires: false });
      expect(inputsOf(UpdateCommand)[1]).toEqual({
        TableName: TABLE,
        Key: { pk: KEY },
        UpdateExpression: 'DELETE #hits :hits, #firings :firings',
        ExpressionAttributeNames: { '#hits': 'hits', '#firings': 'firings' },
        ExpressionAttributeValues: { ':hits': new Set([staleHit]), ':firings': new Set([staleFiring]) },
      });
    });

    it('fires at the threshold, consuming the counted hits and recording the firing event', async () => {
      // Prepare
      const hits = [`${T0 - 2 * MINUTE}#e1`, `${T0 - MINUTE}#e2`, `${T0}#e3`];
      dynamo
        .on(UpdateCommand)
        .resolvesOnce({ Attributes: { hits: new Set(hits) } })
        .resolves({});

      // Act
      const hit = await store().hitThreshold(KEY, 'e3', T0, WINDOW, 3);

      // Assess
      expect(hit).toEqual({ count: 3, fires: true });
      expect(inputsOf(UpdateCommand)).toHaveLength(2);
      expect(inputsOf(UpdateCommand)[1]).toEqual({
        TableName: TABLE,
        Key: { pk: KEY },
        UpdateExpression: 'SET #epoch = :next DELETE #hits :hits ADD #firings :firing, #consumed :fresh',
        ConditionExpression: 'attribute_not_exists(#epoch)',
        ExpressionAttributeNames: {
          '#epoch': 'epoch',
          '#hits': 'hits',
          '#firings': 'firings',
          '#consumed': 'consumed',
        },
        ExpressionAttributeValues: {
          ':next': 1,
          ':hits': new Set(hits),
          ':firing': new Set([`${T0}#3#e3`]),
          ':fresh': new Set(hits),
        },
      });
    });

    it('counts again, and does not fire, when another event fired the key between its count and its firing', async () => {
      // Prepare: the count sees the threshold reached (epoch 4); the firing finds epoch 5 (someone fired);
      // counting again, this event's hit is consumed by that firing.
      const hits = [`${T0 - 2 * MINUTE}#e1`, `${T0 - MINUTE}#e2`, `${T0}#e3`];
      dynamo
        .on(UpdateCommand)
        .resolvesOnce({ Attributes: { hits: new Set(hits), epoch: 4 } })
        .rejectsOnce(conditionFailed())
        .rejectsOnce(conditionFailed());
      dynamo.on(GetCommand).resolves({ Item: { firings: new Set([`${T0 - MINUTE}#3#e2`]) } });

      // Act
      const hit = await store().hitThreshold(KEY, 'e3', T0, WINDOW, 3);

      // Assess
      expect(hit).toEqual({ count: 0, fires: false });
      const updates = inputsOf(UpdateCommand);
      expect(updates[1]).toMatchObject({
        ConditionExpression: '#epoch = :epoch',
        ExpressionAttributeValues: { ':epoch': 4, ':next': 5 },
      });
      expect(updates).toHaveLength(3);
    });

    it('fires again with the recorded count when the firing event is redelivered', async () => {
      // Prepare
      dynamo.on(UpdateCommand).rejects(conditionFailed());
      dynamo.on(GetCommand).resolves({
        Item: { pk: KEY, firings: new Set([`${T0 - MINUTE}#4#e0`, `${T0}#3#e3`]) },
      });

      // Act
      const hit = await store().hitThreshold(KEY, 'e3', T0, WINDOW, 3);

      // Assess
      expect(hit).toEqual({ count: 3, fires: true });
      expect(dynamo).toHaveReceivedCommandWith(GetCommand, {
        TableName: TABLE,
        Key: { pk: KEY },
        ConsistentRead: true,
      });
    });

    it('counts nothing for a redelivered event another firing consumed', async () => {
      // Prepare
      dynamo.on(UpdateCommand).rejects(conditionFailed());
      dynamo.on(GetCommand).resolves({ Item: { pk: KEY, firings: new Set([`${T0}#3#e3`]) } });

      // Act
      const hit = await store().hitThreshold(KEY, 'e1', T0 - 2 * MINUTE, WINDOW, 3);

      // Assess
      expect(hit).toEqual({ count: 0, fires: false });
    });

    it('turns DynamoDB failures into a retryable RuleStateStoreError', async () => {
      // Prepare
      dynamo.on(UpdateCommand).rejects(new Error('ProvisionedThroughputExceededException'));

      // Act
      const attempt = store().hitThreshold(KEY, 'e1', T0, WINDOW, 3);

      // Assess
      await expect(attempt).rejects.toBeInstanceOf(RuleStateStoreError);
      await expect(attempt).rejects.toMatchObject({ isRetryable: true });
    });
  });

  describe('claimDedup', () => {
    it('claims with a put that the same event may repeat', async () => {
      // Prepare
      dynamo.on(PutCommand).resolves({});

      // Act
      const claimed = await store().claimDedup('dedup|read|x', 'e1', T0, WINDOW);

      // Assess
      expect(claimed).toBe(true);
      expect(dynamo).toHaveReceivedCommandWith(PutCommand, {
        TableName: TABLE,
        Item: {
          pk: 'dedup|read|x',
          claimedAt: T0,
          eventId: 'e1',
          ttl: Math.ceil((T0 + 2 * WINDOW) / 1000) + REDELIVERY_HORIZON_SECONDS,
        },
        ConditionExpression:
          'attribute_not_exists(pk) OR claimedAt <= :lo OR claimedAt >= :hi OR eventId = :eventId',
        ExpressionAttributeValues: { ':lo': T0 - WINDOW, ':hi': T0 + WINDOW, ':eventId': 'e1' },
      });
    });

    it('answers false when another event holds the claim', async () => {
      // Prepare
      dynamo.on(PutCommand).rejects(conditionFailed());

      // Act
      const claimed = await store().claimDedup('dedup|read|x', 'e2', T0, WINDOW);

      // Assess
      expect(claimed).toBe(false);
    });

    it('turns other failures into a retryable RuleStateStoreError', async () => {
      // Prepare
      dynamo.on(PutCommand).rejects(new Error('socket hang up'));

      // Act
      const attempt = store().claimDedup('dedup|read|x', 'e2', T0, WINDOW);

      // Assess
      await expect(attempt).rejects.toBeInstanceOf(RuleStateStoreError);
    });
  });
});
