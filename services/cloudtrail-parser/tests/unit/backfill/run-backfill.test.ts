import {
  BackfillCheckpoint,
  type BackfillCheckpointData,
  type CheckpointStore,
} from '../../../src/core/backfill/backfill-checkpoint';
import type { BackfillScope } from '../../../src/core/backfill/backfill-scope';
import { EnqueueFailedError } from '../../../src/core/backfill/errors';
import { planBackfill } from '../../../src/core/backfill/plan-backfill';
import { type MessageSender, runBackfill, type SendEntry } from '../../../src/core/backfill/run-backfill';
import { FakeClock, InMemoryBucket, logKey } from './in-memory-bucket';

const ACCOUNT = '111122223333';
const SCOPE: BackfillScope = {
  bucket: 'trail',
  prefix: '',
  kinds: ['log'],
  since: Date.parse('2024-05-01T00:00:00Z'),
  until: Date.parse('2024-05-02T12:00:00Z'),
};

/**
 * 3 days × 25 objects, one every 45 minutes from 00:00: the first day is before `since`, the last one goes
 * past `until` (12:00) after 17 objects. 25 + 17 = 42 objects are in range.
 */
function bucketOf(): { bucket: InMemoryBucket; expected: string[] } {
  const keys: string[] = [];
  const expected: string[] = [];
  for (const day of ['2024-04-30', '2024-05-01', '2024-05-02']) {
    for (let index = 0; index < 25; index++) {
      const minutes = index * 45;
      const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}${String(minutes % 60).padStart(2, '0')}`;
      const key = logKey({ account: ACCOUNT, region: 'us-east-1', day, time, id: `obj${index}` });
      keys.push(key);
      if (day === '2024-05-01' || (day === '2024-05-02' && minutes <= 720)) expected.push(key);
    }
  }
  return { bucket: new InMemoryBucket(keys, 7), expected: expected.sort() };
}

class MemoryStore implements CheckpointStore {
  data: BackfillCheckpointData | undefined;
  saves = 0;
  async load(): Promise<unknown> {
    return this.data === undefined ? undefined : structuredClone(this.data);
  }
  async save(data: BackfillCheckpointData): Promise<void> {
    this.data = structuredClone(data);
    this.saves++;
  }
}

/** A queue that records the keys it received; `refuse(id, attempt)` decides which entries SQS refuses. */
class RecordingSender implements MessageSender {
  readonly keys: string[] = [];
  readonly batchSizes: number[] = [];
  private calls = 0;

  constructor(
    private readonly refuse: (
      entry: SendEntry,
      call: number
    ) => { isSenderFault: boolean } | undefined = () => undefined
  ) {}

  async sendBatch(entries: SendEntry[]) {
    this.calls++;
    this.batchSizes.push(entries.length);
    const failed: { id: string; reason: string; isSenderFault: boolean }[] = [];
    for (const entry of entries) {
      const refusal = this.refuse(entry, this.calls);
      if (refusal)
        failed.push({
          id: entry.id,
          reason: 'InternalError: try again',
          isSenderFault: refusal.isSenderFault,
        });
      else this.keys.push(keyOf(entry));
    }
    return { failed };
  }
}

function keyOf(entry: SendEntry): string {
  const body = JSON.parse(entry.body) as { Records: { s3: { object: { key: string } } }[] };
  return decodeURIComponent(body.Records[0]?.s3.object.key.replace(/\+/g, ' ') ?? '');
}

async function run(
  bucket: InMemoryBucket,
  store: MemoryStore,
  sender: MessageSender,
  extra: { signal?: AbortSignal; rate?: number; clock?: FakeClock; onProgress?: () => void } = {}
) {
  const checkpoint = BackfillCheckpoint.open(await store.load(), { bucket: 'trail', queueUrl: 'q' });
  const plan = await planBackfill(SCOPE, { lister: bucket, checkpoint });
  const clock = extra.clock ?? new FakeClock();
  const result = await runBackfill(
    SCOPE,
    plan,
    { lister: bucket, sender, checkpoint, store, clock, onProgress: extra.onProgress },
    { region: 'us-east-1', ratePerSecond: extra.rate, signal: extra.signal }
  );
  return { plan, result, clock };
}

describe('runBackfill', () => {
  it('sends exactly the objects in range, once, in batches of at most ten', async () => {
    // Prepare
    const { bucket, expected } = bucketOf();
    const sender = new RecordingSender();

    // Act
    const { plan, result } = await run(bucket, new MemoryStore(), sender);

    // Assess
    expect(plan.objects).toBe(expected.length);
    expect(sender.keys).toEqual(expected);
    expect(Math.max(...sender.batchSizes)).toBe(10);
    expect(result).toMatchObject({ objects: expected.length, isInterrupted: false, retries: 0 });
  });

  it('retries refused entries and sends each of them once', async () => {
    // Prepare
    const { bucket, expected } = bucketOf();
    const sender = new RecordingSender((entry, call) =>
      call % 2 === 1 && entry.id === 'm3' ? { isSenderFault: false } : undefined
    );

    // Act
    const { result, clock } = await run(bucket, new MemoryStore(), sender);

    // Assess
    expect([...sender.keys].sort()).toEqual(expected);
    expect(result.retries).toBeGreaterThan(0);
    expect(clock.sleeps.every((ms) => ms >= 200)).toBe(true);
  });

  it('resumes after entries kept failing, without sending anything twice', async () => {
    // Prepare
    const { bucket, expected } = bucketOf();
    const store = new MemoryStore();
    const victim = expected[13] ?? '';
    const failing = new RecordingSender((entry) =>
      keyOf(entry) === victim ? { isSenderFault: false } : undefined
    );

    // Act
    const firstRun = run(bucket, store, failing);
    await expect(firstRun).rejects.toThrow(EnqueueFailedError);
    const second = new RecordingSender();
    await run(bucket, store, second);

    // Assess: the first run got through the victim's batch except the victim itself.
    expect(failing.keys).toEqual(expected.slice(0, 20).filter((key) => key !== victim));
    expect(store.data?.prefixes).toBeDefined();
    expect([...failing.keys, ...second.keys].sort()).toEqual(expected);
    expect(second.keys[0]).toBe(victim);
  });

  it('stops after the batch in flight when interrupted, and a re-run continues from the checkpoint', async () => {
    // Prepare
    const { bucket, expected } = bucketOf();
    const store = new MemoryStore();
    const controller = new AbortController();
    const first = new RecordingSender();

    // Act
    const interrupted = await run(bucket, store, first, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    const listingsBefore = bucket.objectListings.length;
    const second = new RecordingSender();
    const resumed = await run(bucket, store, second);

    // Assess
    expect(interrupted.result).toMatchObject({ isInterrupted: true, objects: 10 });
    expect(resumed.plan.objects).toBe(expected.length - 10);
    expect([...first.keys, ...second.keys]).toEqual(expected);
    expect(
      bucket.objectListings.slice(listingsBefore).find((listing) => listing.startAfter !== undefined)
        ?.startAfter
    ).toBe(expected[9]);
  });

  it('gives up at once on entries SQS calls malformed (sender fault)', async () => {
    // Prepare
    const { bucket } = bucketOf();
    const sender = new RecordingSender((entry) => (entry.id === 'm0' ? { isSenderFault: true } : undefined));

    // Act
    const attempt = run(bucket, new MemoryStore(), sender);

    // Assess
    await expect(attempt).rejects.toThrow('1 objects could not be enqueued');
    expect(sender.batchSizes).toEqual([10]);
  });

  it('holds the requested rate', async () => {
    // Prepare
    const { bucket, expected } = bucketOf();
    const clock = new FakeClock();

    // Act
    await run(bucket, new MemoryStore(), new RecordingSender(), { rate: 5, clock });

    // Assess: the first 10 go at once (one batch), the rest at 5 per second.
    expect(clock.now()).toBe(((expected.length - 10) / 5) * 1000);
  });
});
