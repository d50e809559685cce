/** BatchImportFindings limits (Security Hub partner guide): per call and per finding. */
export const IMPORT_LIMITS = {
  findingsPerCall: 100,
  bytesPerCall: 6 * 1024 * 1024,
  bytesPerFinding: 240 * 1024,
} as const;

/** Batches that each fit one call, and the findings no call can take (too large on their own). */
export type ImportBatches<T> = { batches: T[][]; oversized: { finding: T; bytes: number }[] };

/**
 * Splits findings into BatchImportFindings calls: ≤ 100 findings and ≤ 6 MB of JSON per call, in order.
 * A finding over 240 KB can never be imported and is returned apart.
 *
 * @example planImportBatches(findings).batches.length // ⌈n / 100⌉ for small findings
 */
export function planImportBatches<T>(findings: readonly T[], limits = IMPORT_LIMITS): ImportBatches<T> {
  const batches: T[][] = [];
  const oversized: { finding: T; bytes: number }[] = [];
  let current: T[] = [];
  // The request body is {"Findings":[...]}: 14 bytes of envelope plus a comma between findings.
  let currentBytes = 14;
  for (const finding of findings) {
    const bytes = Buffer.byteLength(JSON.stringify(finding), 'utf8');
    if (bytes > limits.bytesPerFinding) {
      oversized.push({ finding, bytes });
      continue;
    }
    const full = current.length >= limits.findingsPerCall || currentBytes + bytes + 1 > limits.bytesPerCall;
    if (full && current.length > 0) {
      batches.push(current);
      current = [];
      currentBytes = 14;
    }
    current.push(finding);
    currentBytes += bytes + 1;
  }
  if (current.length > 0) batches.push(current);
  return { batches, oversized };
}
