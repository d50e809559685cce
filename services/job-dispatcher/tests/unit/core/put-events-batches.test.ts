import type { PutEventsEntry } from '@vigil/event-schema';
import { batchPutEntries, chunk, entrySize, MAX_PUT_BYTES } from '../../../src/core/put-events-batches';

const entry = (detailBytes: number): PutEventsEntry => ({
  Source: 'src',
  DetailType: 'dt',
  Detail: 'x'.repeat(detailBytes),
  EventBusName: 'vigil-dev',
});

describe('entrySize', () => {
  it('counts source, detail-type, detail, resources and 14 bytes for a time, in UTF-8', () => {
    // Act
    const size = entrySize({ ...entry(0), Detail: '{"a":"é"}', Resources: ['arn:1'], Time: new Date() });

    // Assess
    expect(size).toBe(3 + 2 + 10 + 5 + 14);
  });
});

describe('batchPutEntries', () => {
  it('puts at most 10 entries in a call, in order', () => {
    // Prepare
    const items = Array.from({ length: 23 }, (_, i) => i);

    // Act
    const { batches } = batchPutEntries(items, () => entry(10));

    // Assess
    expect(batches.map((batch) => batch.length)).toEqual([10, 10, 3]);
    expect(batches.flat()).toEqual(items);
  });

  it('keeps each call within 256 KB', () => {
    // Prepare: 100 KB entries: two fit, three do not.
    const items = [1, 2, 3, 4, 5];

    // Act
    const { batches } = batchPutEntries(items, () => entry(100 * 1024));

    // Assess
    expect(batches.map((batch) => batch.length)).toEqual([2, 2, 1]);
    for (const batch of batches) expect(batch.length * (100 * 1024 + 5)).toBeLessThanOrEqual(MAX_PUT_BYTES);
  });

  it('returns an entry larger than 256 KB on its own as oversized', () => {
    // Act
    const { batches, oversized } = batchPutEntries(['small', 'huge', 'small2'], (item) =>
      entry(item === 'huge' ? MAX_PUT_BYTES : 10)
    );

    // Assess
    expect(oversized).toEqual(['huge']);
    expect(batches).toEqual([['small', 'small2']]);
  });

  it('fits an entry of exactly 256 KB alone', () => {
    // Act
    const { batches, oversized } = batchPutEntries(['a', 'b'], () => entry(MAX_PUT_BYTES - 5));

    // Assess
    expect(oversized).toEqual([]);
    expect(batches).toEqual([['a'], ['b']]);
  });
});

describe('chunk', () => {
  it('splits into groups of 25', () => {
    // Act
    const chunks = chunk(
      Array.from({ length: 60 }, (_, i) => i),
      25
    );

    // Assess
    expect(chunks.map((c) => c.length)).toEqual([25, 25, 10]);
  });
});
