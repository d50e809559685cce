import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `check` until it returns true, `abort()` returns a reason, or `timeoutMs` passes.
 * Throws with the last error seen so a failed start says why.
 *
 * @example
 * await waitUntil(() => isListening(port), { timeoutMs: 10_000, what: 'DynamoDB Local' });
 */
export async function waitUntil(
  check: () => Promise<boolean>,
  options: { timeoutMs: number; intervalMs?: number; what: string; abort?: () => string | undefined }
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const aborted = options.abort?.();
    if (aborted !== undefined) throw new Error(`${options.what}: ${aborted}`);
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error;
    }
    await sleep(options.intervalMs ?? 50);
  }
  const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
  throw new Error(`${options.what} not ready after ${options.timeoutMs} ms${reason}`);
}
