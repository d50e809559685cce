import { setTimeout as sleep } from 'node:timers/promises';

/** One hand-over by the router: an event to a target, or a batch from an event source to a function. */
export interface Delivery {
  /** What produced it: an EventBridge rule, an S3 notification, an SNS subscription or an event source. */
  source: 'eventbridge' | 'schedule' | 's3' | 'sns' | 'sqs' | 'dynamodb-stream';
  /** Rule ARN, bucket name, topic ARN, queue ARN or stream ARN. */
  from: string;
  /** Target ARN or function name. */
  target: string;
  payload: unknown;
  status: 'delivered' | 'failed';
  error?: string | undefined;
  /** What the function returned (event sources), when it returned. */
  result?: unknown;
  at: Date;
}

const MAX_KEPT = 2000;

/**
 * The router's record of deliveries, for tests to await (`waitFor`) and for `vigil local status`.
 *
 * @example
 * const delivery = await log.waitFor((d) => d.target === 'svc-dev-fn' && d.status === 'delivered');
 */
export class DeliveryLog {
  private readonly entries: Delivery[] = [];
  private readonly listeners = new Set<(delivery: Delivery) => void>();

  add(delivery: Omit<Delivery, 'at'>): void {
    const entry = { ...delivery, at: new Date() };
    this.entries.push(entry);
    if (this.entries.length > MAX_KEPT) this.entries.shift();
    for (const listener of this.listeners) listener(entry);
  }

  list(): Delivery[] {
    return [...this.entries];
  }

  onDelivery(listener: (delivery: Delivery) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the first past or future delivery matching `predicate`; rejects after `timeoutMs`. */
  async waitFor(predicate: (delivery: Delivery) => boolean, timeoutMs = 10_000): Promise<Delivery> {
    const found = this.entries.find(predicate);
    if (found !== undefined) return found;
    const controller = new AbortController();
    return new Promise<Delivery>((resolve, reject) => {
      const unsubscribe = this.onDelivery((delivery) => {
        if (!predicate(delivery)) return;
        unsubscribe();
        controller.abort();
        resolve(delivery);
      });
      sleep(timeoutMs, undefined, { signal: controller.signal })
        .then(() => {
          unsubscribe();
          reject(new Error(`no matching delivery within ${timeoutMs} ms`));
        })
        .catch(() => undefined);
    });
  }
}
