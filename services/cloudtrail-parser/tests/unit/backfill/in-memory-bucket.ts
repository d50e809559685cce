import type { BackfillObject } from '../../../src/core/backfill/backfill-message';
import type { BackfillLister } from '../../../src/core/backfill/plan-backfill';
import type { Clock } from '../../../src/core/backfill/token-bucket';

/**
 * A bucket in memory with ListObjectsV2 semantics (keys in order, `Delimiter: '/'` common prefixes,
 * `StartAfter`, pages of `pageSize`), recording every listing so tests can check what was never listed.
 */
export class InMemoryBucket implements BackfillLister {
  readonly prefixListings: string[] = [];
  readonly objectListings: { prefix: string; startAfter?: string | undefined }[] = [];
  private readonly objects: BackfillObject[];

  constructor(
    keys: readonly string[],
    private readonly pageSize = 1000
  ) {
    this.objects = [...keys].sort().map((key, index) => ({ key, size: 1000 + index, etag: `etag-${index}` }));
  }

  async listPrefixes(_bucket: string, prefix: string): Promise<string[]> {
    this.prefixListings.push(prefix);
    const found = new Set<string>();
    for (const { key } of this.objects) {
      if (!key.startsWith(prefix)) continue;
      const slash = key.indexOf('/', prefix.length);
      if (slash >= 0) found.add(key.slice(0, slash + 1));
    }
    return [...found].sort();
  }

  async *listObjects(_bucket: string, prefix: string, startAfter?: string): AsyncIterable<BackfillObject[]> {
    this.objectListings.push({ prefix, startAfter });
    const matching = this.objects.filter(
      (object) => object.key.startsWith(prefix) && (startAfter === undefined || object.key > startAfter)
    );
    for (let index = 0; index < matching.length; index += this.pageSize) {
      yield matching.slice(index, index + this.pageSize);
    }
  }
}

/** A CloudTrail log key of the standard layout. */
export function logKey(options: {
  account: string;
  region: string;
  day: string;
  time?: string;
  id?: string;
  prefix?: string;
  org?: string;
  folder?: string;
}): string {
  const [year, month, dayOfMonth] = options.day.split('-');
  const stamp = `${year}${month}${dayOfMonth}T${options.time ?? '1205'}Z`;
  const org = options.org === undefined ? '' : `${options.org}/`;
  const folder = options.folder ?? 'CloudTrail';
  const kind = folder === 'CloudTrail-Digest' ? 'CloudTrail-Digest' : 'CloudTrail';
  return `${options.prefix ?? ''}AWSLogs/${org}${options.account}/${folder}/${options.region}/${year}/${month}/${dayOfMonth}/${options.account}_${kind}_${options.region}_${stamp}_${(options.id ?? 'AbCdEfGh12345678').padEnd(16, 'x')}.json.gz`;
}

/** A clock whose `sleep` advances time at once, recording every sleep. */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];

  constructor(private time = 0) {}

  now(): number {
    return this.time;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += ms;
  }

  advance(ms: number): void {
    this.time += ms;
  }
}
