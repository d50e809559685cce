import { randomBytes } from 'node:crypto';
import { SfnApiError } from './errors';

/** How a `.waitForTaskToken` task ended. */
export type TaskOutcome =
  | { kind: 'success'; output: unknown }
  | { kind: 'failure'; error: string | undefined; cause: string | undefined }
  | { kind: 'heartbeat-timeout' }
  | { kind: 'closed' };

interface Waiter {
  executionArn: string;
  heartbeatSeconds: number | undefined;
  timer: NodeJS.Timeout | undefined;
  settle: (outcome: TaskOutcome) => void;
}

/** AWS's answer to a callback for a token whose task is gone (completed, timed out or stopped). */
const GONE_MESSAGE = "Task Timed Out: 'Provided task does not exist anymore'";

/**
 * Issues task tokens and routes SendTaskSuccess/Failure/Heartbeat to the task waiting on them.
 * Tokens are opaque and single-use: once a task settles, its token answers `TaskTimedOut`,
 * and a token this facade never issued answers `InvalidToken`, as AWS does.
 *
 * @example
 * const registry = new TaskTokenRegistry();
 * const token = registry.issue();
 * const outcome = registry.wait(token, 'arn:…:execution:m:e', undefined);
 * registry.succeed(token, '{"ok":true}'); // outcome resolves to { kind: 'success', output: { ok: true } }
 */
export class TaskTokenRegistry {
  private readonly issued = new Set<string>();
  private readonly waiting = new Map<string, Waiter>();

  /** A new unique, opaque token. */
  issue(): string {
    const token = randomBytes(96).toString('base64');
    this.issued.add(token);
    return token;
  }

  /** Starts waiting for a callback on `token`; the heartbeat clock starts now. */
  wait(token: string, executionArn: string, heartbeatSeconds: number | undefined): Promise<TaskOutcome> {
    return new Promise<TaskOutcome>((resolve) => {
      const waiter: Waiter = {
        executionArn,
        heartbeatSeconds,
        timer: undefined,
        settle: (outcome) => {
          clearTimeout(waiter.timer);
          this.waiting.delete(token);
          resolve(outcome);
        },
      };
      this.waiting.set(token, waiter);
      this.armHeartbeat(waiter);
    });
  }

  succeed(token: string, output: string): void {
    const parsed = parseOutput(output);
    this.take(token).settle({ kind: 'success', output: parsed });
  }

  fail(token: string, error: string | undefined, cause: string | undefined): void {
    this.take(token).settle({ kind: 'failure', error, cause });
  }

  heartbeat(token: string): void {
    this.armHeartbeat(this.find(token));
  }

  /** Ends every wait of an execution that stopped (its tokens then answer TaskTimedOut). */
  closeExecution(executionArn: string): void {
    for (const waiter of [...this.waiting.values()]) {
      if (waiter.executionArn === executionArn) waiter.settle({ kind: 'closed' });
    }
  }

  /** Ends the wait on one token (the engine timed the task out). */
  close(token: string): void {
    this.waiting.get(token)?.settle({ kind: 'closed' });
  }

  /** Stops all timers (facade shutdown). */
  closeAll(): void {
    for (const waiter of [...this.waiting.values()]) waiter.settle({ kind: 'closed' });
  }

  private take(token: string): Waiter {
    return this.find(token);
  }

  private find(token: string): Waiter {
    const waiter = this.waiting.get(token);
    if (waiter) return waiter;
    if (this.issued.has(token)) throw new SfnApiError('TaskTimedOut', GONE_MESSAGE);
    throw new SfnApiError('InvalidToken', "Invalid Token: 'Invalid token'");
  }

  private armHeartbeat(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    if (waiter.heartbeatSeconds === undefined) return;
    waiter.timer = setTimeout(
      () => waiter.settle({ kind: 'heartbeat-timeout' }),
      waiter.heartbeatSeconds * 1000
    );
  }
}

function parseOutput(output: string): unknown {
  try {
    return JSON.parse(output);
  } catch {
    throw new SfnApiError('InvalidOutput', 'Invalid JSON output: the output must be a valid JSON text');
  }
}
