import {
  BatchWriteItemCommand,
  type DynamoDBClient,
  QueryCommand,
  TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import type { JobKey } from '../core/job-record';
import type { CorruptJobItem, DueJobStore, DueJobsPage, OccurrenceAdvance } from '../core/job-store';
import { chunk } from '../core/put-events-batches';
import { dueSortKeyBound } from '../core/sort-key';
import { RetryableJobError, ThrottledError } from '../errors';
import { decodeJobItem, encodeJobItem, type Item, itemToJson } from './job-item-codec';
import { rethrowThrottling } from './throttling';

/** BatchWriteItem takes at most 25 requests; a transaction at most 100 actions (50 delete + put pairs). */
const DELETE_BATCH = 25;
const ADVANCES_PER_TRANSACTION = 25;
const MAX_UNPROCESSED_RETRIES = 8;

export type DueJobStoreOptions = {
  /** Deletes in flight at once. */
  deleteConcurrency?: number | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
};

const keyItem = (key: JobKey): Item => ({ pk: { S: key.pk }, sk: { S: key.sk } });
const encodeCursor = (key: Item | undefined) =>
  key === undefined ? undefined : Buffer.from(JSON.stringify(key)).toString('base64url');
const decodeCursor = (cursor: string | undefined): Item | undefined =>
  cursor === undefined ? undefined : (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Item);

/** The dispatcher's side of the jobs table (see `DueJobStore`). */
export class DynamoDbDueJobStore implements DueJobStore {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly deleteConcurrency: number;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    options: DueJobStoreOptions = {}
  ) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.deleteConcurrency = options.deleteConcurrency ?? 4;
  }

  async queryDue(bucket: string, dueBy: Date, cursor?: string): Promise<DueJobsPage> {
    const response = await this.client
      .send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk <= :due',
          ExpressionAttributeValues: { ':pk': { S: bucket }, ':due': { S: dueSortKeyBound(dueBy) } },
          ScanIndexForward: true,
          // A job written a moment ago must be seen: strongly consistent reads on the base table.
          ConsistentRead: true,
          ExclusiveStartKey: decodeCursor(cursor),
        })
      )
      .catch((error: unknown) => rethrowThrottling('dynamodb', error));
    const jobs = [];
    const corrupt: CorruptJobItem[] = [];
    for (const item of response.Items ?? []) {
      try {
        jobs.push(decodeJobItem(item));
      } catch (error) {
        const key = { pk: item.pk?.S ?? bucket, sk: item.sk?.S ?? '' };
        corrupt.push({ key, reason: (error as Error).message, rawItem: itemToJson(item) });
      }
    }
    return { jobs, corrupt, cursor: encodeCursor(response.LastEvaluatedKey) };
  }

  async deleteJobs(keys: readonly JobKey[]): Promise<void> {
    const batches = chunk(keys, DELETE_BATCH);
    let next = 0;
    const worker = async () => {
      while (next < batches.length) {
        const batch = batches[next] as JobKey[];
        next += 1;
        await this.deleteBatch(batch.map((key) => ({ DeleteRequest: { Key: keyItem(key) } })));
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.deleteConcurrency, batches.length) }, worker));
  }

  private async deleteBatch(requests: WriteRequest[]): Promise<void> {
    let pending = requests;
    for (let retry = 0; pending.length > 0; retry += 1) {
      if (retry > MAX_UNPROCESSED_RETRIES) {
        throw new RetryableJobError(
          `${pending.length} job deletes stayed unprocessed after ${MAX_UNPROCESSED_RETRIES} retries`
        );
      }
      if (retry > 0) await this.sleep(Math.min(2000, 50 * 2 ** retry) * Math.random());
      const response = await this.client
        .send(new BatchWriteItemCommand({ RequestItems: { [this.tableName]: pending } }))
        .catch((error: unknown) => rethrowThrottling('dynamodb', error));
      pending = response.UnprocessedItems?.[this.tableName] ?? [];
    }
  }

  async advanceOccurrences(advances: readonly OccurrenceAdvance[]): Promise<{ cancelled: JobKey[] }> {
    const cancelled: JobKey[] = [];
    for (const group of chunk(advances, ADVANCES_PER_TRANSACTION))
      cancelled.push(...(await this.advanceGroup(group)));
    return { cancelled };
  }

  /** One transaction per group; pairs whose condition fails are dropped (or reduced) and the rest retried. */
  private async advanceGroup(group: OccurrenceAdvance[]): Promise<JobKey[]> {
    const cancelled: JobKey[] = [];
    let pending = group;
    for (let retry = 0; pending.length > 0; retry += 1) {
      if (retry > MAX_UNPROCESSED_RETRIES)
        throw new RetryableJobError('recurring job advance kept conflicting');
      if (retry > 0) await this.sleep(Math.min(2000, 50 * 2 ** retry) * Math.random());
      const actions = pending.flatMap((advance) => this.advanceActions(advance));
      try {
        await this.client.send(new TransactWriteItemsCommand({ TransactItems: actions }));
        return cancelled;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) rethrowThrottling('dynamodb', error);
        const reasons = error.CancellationReasons ?? [];
        const retried: OccurrenceAdvance[] = [];
        let index = 0;
        for (const advance of pending) {
          const deleteReason = reasons[index]?.Code;
          const putReason = advance.next === undefined ? undefined : reasons[index + 1]?.Code;
          index += advance.next === undefined ? 1 : 2;
          // The job was cancelled meanwhile: write no next occurrence.
          if (deleteReason === 'ConditionalCheckFailed') cancelled.push(advance.current);
          // The next occurrence is there already (an earlier tick wrote it): just delete the current one.
          else if (putReason === 'ConditionalCheckFailed') retried.push({ current: advance.current });
          else if (deleteReason === 'ThrottlingError' || putReason === 'ThrottlingError') {
            throw new ThrottledError('dynamodb', 'ThrottlingError', { cause: error });
          } else retried.push(advance);
        }
        pending = retried;
      }
    }
    return cancelled;
  }

  private advanceActions(advance: OccurrenceAdvance): TransactWriteItem[] {
    const remove: TransactWriteItem = {
      Delete: {
        TableName: this.tableName,
        Key: keyItem(advance.current),
        ConditionExpression: 'attribute_exists(pk)',
      },
    };
    if (advance.next === undefined) return [remove];
    return [
      remove,
      {
        Put: {
          TableName: this.tableName,
          Item: encodeJobItem(advance.next),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ];
  }

  async recordFailedAttempt(key: JobKey, attempts: number, lastError: string): Promise<void> {
    await this.client
      .send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: keyItem(key),
          UpdateExpression: 'SET attempts = :attempts, lastError = :error',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: {
            ':attempts': { N: String(attempts) },
            ':error': { S: lastError.slice(0, 1000) },
          },
        })
      )
      .catch((error: unknown) => {
        // Cancelled meanwhile: nothing to count.
        if ((error as Error).name === 'ConditionalCheckFailedException') return;
        rethrowThrottling('dynamodb', error);
      });
  }
}
