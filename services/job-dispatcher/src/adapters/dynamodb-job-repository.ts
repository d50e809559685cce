import {
  type DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { bucketsBetween } from '../core/bucket';
import { type JobRecord, JobRecordSchema } from '../core/job-record';
import type { CreateJobResult, JobRepository } from '../core/job-store';
import { decodeJobItem, encodeJobItem, type Item } from './job-item-codec';

/** The jobs table's GSI on `jobId` (keys only). */
export const JOB_ID_INDEX = 'byJobId';

/** How long a job id stays reserved after scheduling (idempotency window), in seconds. */
export const ID_GUARD_TTL_SECONDS = 24 * 3600;

const guardKey = (jobId: string): Item => ({ pk: { S: `id#${jobId}` }, sk: { S: 'guard' } });

/**
 * The scheduling API's side of the jobs table. Scheduling is idempotent by job id: besides the GSI on
 * `jobId` (eventually consistent), each new job writes an id guard item in the same transaction
 * (`pk = id#<jobId>`, TTL 24 h, not in the GSI), so two concurrent requests with one id never store two jobs.
 */
export class DynamoDbJobRepository implements JobRepository {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly clock: () => Date = () => new Date()
  ) {}

  async create(record: JobRecord): Promise<CreateJobResult> {
    const existing = await this.findById(record.jobId);
    if (existing !== undefined) return { created: false, record: existing };
    const now = Math.floor(this.clock().getTime() / 1000);
    try {
      await this.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...guardKey(record.jobId),
                  record: { S: JSON.stringify(record) },
                  ttl: { N: String(now + ID_GUARD_TTL_SECONDS) },
                },
                ConditionExpression: 'attribute_not_exists(pk) OR #ttl < :now',
                ExpressionAttributeNames: { '#ttl': 'ttl' },
                ExpressionAttributeValues: { ':now': { N: String(now) } },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: encodeJobItem(record),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        })
      );
      return { created: true, record };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const winner = (await this.findById(record.jobId)) ?? (await this.guardedRecord(record.jobId));
      if (winner === undefined) throw error;
      return { created: false, record: winner };
    }
  }

  /** The record the id guard holds (the job as first scheduled), while the guard lives. */
  private async guardedRecord(jobId: string): Promise<JobRecord | undefined> {
    const guard = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: guardKey(jobId), ConsistentRead: true })
    );
    const text = guard.Item?.record?.S;
    return text === undefined ? undefined : JobRecordSchema.parse(JSON.parse(text));
  }

  async findById(jobId: string): Promise<JobRecord | undefined> {
    const index = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: JOB_ID_INDEX,
        KeyConditionExpression: 'jobId = :id',
        ExpressionAttributeValues: { ':id': { S: jobId } },
      })
    );
    const keys = (index.Items ?? []).map((item) => ({ pk: item.pk, sk: item.sk }));
    // The GSI lags the table a little: fall back on the guard, which knows where a new job went.
    const guarded = keys.length === 0 ? await this.guardedRecord(jobId) : undefined;
    if (guarded !== undefined) keys.push({ pk: { S: guarded.pk }, sk: { S: guarded.sk } });
    for (const key of keys) {
      if (key.pk === undefined || key.sk === undefined) continue;
      const item = await this.client.send(
        new GetItemCommand({
          TableName: this.tableName,
          Key: { pk: key.pk, sk: key.sk },
          ConsistentRead: true,
        })
      );
      if (item.Item !== undefined) return decodeJobItem(item.Item);
    }
    return undefined;
  }

  async remove(record: JobRecord): Promise<boolean> {
    try {
      await this.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Delete: {
                TableName: this.tableName,
                Key: { pk: { S: record.pk }, sk: { S: record.sk } },
                ConditionExpression: 'attribute_exists(pk)',
              },
            },
            // The id may be scheduled again once cancelled.
            { Delete: { TableName: this.tableName, Key: guardKey(record.jobId) } },
          ],
        })
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException) return false;
      throw error;
    }
  }

  async listBetween(from: Date, to: Date, limit: number): Promise<JobRecord[]> {
    const records: JobRecord[] = [];
    for (const bucket of bucketsBetween(from, to)) {
      let cursor: Item | undefined;
      do {
        const page = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
            ExpressionAttributeValues: {
              ':pk': { S: bucket.key },
              ':from': { S: from.toISOString() },
              ':to': { S: `${to.toISOString()}#~` },
            },
            ExclusiveStartKey: cursor,
            Limit: limit - records.length,
          })
        );
        for (const item of page.Items ?? []) records.push(decodeJobItem(item));
        if (records.length >= limit) return records;
        cursor = page.LastEvaluatedKey;
      } while (cursor !== undefined);
    }
    return records;
  }
}
