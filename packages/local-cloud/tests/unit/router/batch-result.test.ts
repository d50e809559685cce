import { readBatchResult } from '../../../src/router/batch-result';

describe('readBatchResult', () => {
  it('ignores the response when batch item failures are not reported', () => {
    // Act
    const result = readBatchResult({ batchItemFailures: [{ itemIdentifier: 'a' }] }, ['a', 'b'], false);

    // Assess
    expect([...result.failedIds]).toEqual([]);
  });

  it('fails only the listed records', () => {
    // Act
    const result = readBatchResult({ batchItemFailures: [{ itemIdentifier: 'b' }] }, ['a', 'b', 'c'], true);

    // Assess
    expect([...result.failedIds]).toEqual(['b']);
  });

  it('treats empty, null and missing responses as full success', () => {
    // Act
    const results = [null, undefined, {}, { batchItemFailures: [] }, { batchItemFailures: null }].map((r) =>
      readBatchResult(r, ['a'], true)
    );

    // Assess
    expect(results.map((r) => r.failedIds.size)).toEqual([0, 0, 0, 0, 0]);
  });

  it('fails the whole batch on an identifier that is empty or not in the batch', () => {
    // Act
    const empty = readBatchResult({ batchItemFailures: [{ itemIdentifier: '' }] }, ['a', 'b'], true);
    const stranger = readBatchResult({ batchItemFailures: [{ itemIdentifier: 'z' }] }, ['a', 'b'], true);

    // Assess
    expect([...empty.failedIds]).toEqual(['a', 'b']);
    expect([...stranger.failedIds]).toEqual(['a', 'b']);
  });
});
