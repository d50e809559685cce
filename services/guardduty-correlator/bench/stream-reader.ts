// Reads a DynamoDB Local stream the way a Lambda event source mapping does (DescribeStream, GetShardIterator,
// GetRecords with a batch limit), over the raw awsJson API: no DynamoDB Streams client is in the catalog.
import { randomUUID } from 'node:crypto';

type StreamRecord = {
  eventName: string;
  dynamodb: { SequenceNumber: string; Keys: unknown; NewImage?: unknown };
} & Record<string, unknown>;

async function call<T>(
  endpoint: string,
  target: string,
  body: unknown,
  calls: Map<string, number>
): Promise<T> {
  calls.set(`Streams.${target}`, (calls.get(`Streams.${target}`) ?? 0) + 1);
  const date = new Date().toISOString().replace(/[-:]/g, '').slice(0, 8);
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDBStreams_20120810.${target}`,
      'x-amz-date': `${date}T000000Z`,
      'amz-sdk-invocation-id': randomUUID(),
      authorization: `AWS4-HMAC-SHA256 Credential=local/${date}/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${target}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/**
 * Polls every shard of the stream from TRIM_HORIZON and hands batches of at most `batchSize` records (in
 * Lambda's event shape) to `handle`, until `isDone()` and the shards are drained.
 */
export async function consumeStream(options: {
  endpoint: string;
  streamArn: string;
  batchSize: number;
  calls: Map<string, number>;
  handle: (records: StreamRecord[]) => Promise<void>;
  isDone: () => boolean;
}): Promise<void> {
  const { endpoint, streamArn, calls } = options;
  const iterators = new Map<string, string | undefined>();
  for (;;) {
    const description = await call<{ StreamDescription: { Shards?: { ShardId: string }[] } }>(
      endpoint,
      'DescribeStream',
      { StreamArn: streamArn },
      calls
    );
    for (const shard of description.StreamDescription.Shards ?? []) {
      if (iterators.has(shard.ShardId)) continue;
      const { ShardIterator } = await call<{ ShardIterator?: string }>(
        endpoint,
        'GetShardIterator',
        { StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' },
        calls
      );
      iterators.set(shard.ShardId, ShardIterator);
    }
    let got = 0;
    for (const [shard, iterator] of iterators) {
      if (iterator === undefined) continue;
      const page = await call<{ Records?: StreamRecord[]; NextShardIterator?: string }>(
        endpoint,
        'GetRecords',
        { ShardIterator: iterator, Limit: options.batchSize },
        calls
      );
      iterators.set(shard, page.NextShardIterator ?? undefined);
      const records = page.Records ?? [];
      got += records.length;
      if (records.length > 0) await options.handle(records);
    }
    if (got === 0) {
      if (options.isDone()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
