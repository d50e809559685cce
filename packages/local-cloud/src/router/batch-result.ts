/** Which records of a batch failed, from a function's response. */
export interface BatchResult {
  failedIds: Set<string>;
}

/**
 * Reads `{ batchItemFailures: [{ itemIdentifier }] }` as Lambda does: without ReportBatchItemFailures
 * the response is ignored; an identifier that is empty or not in the batch fails the whole batch.
 *
 * @example
 * readBatchResult({ batchItemFailures: [{ itemIdentifier: 'm2' }] }, ['m1', 'm2'], true) // failed: m2
 */
export function readBatchResult(
  returned: unknown,
  ids: string[],
  isReporting: boolean | undefined
): BatchResult {
  if (isReporting !== true || returned === null || typeof returned !== 'object')
    return { failedIds: new Set() };
  const failures = (returned as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return { failedIds: new Set() };
  if (!Array.isArray(failures)) return { failedIds: new Set(ids) };
  const failedIds = new Set<string>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || !ids.includes(id)) return { failedIds: new Set(ids) };
    failedIds.add(id);
  }
  return { failedIds };
}
