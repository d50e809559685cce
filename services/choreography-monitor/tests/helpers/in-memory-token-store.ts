import type { CallbackEvent } from '../../src/core/callback-event';
import type {
  ClaimOutcome,
  ClaimTarget,
  InboxItem,
  SeenRecord,
  TaskCallbacks,
  TokenRecord,
  TokenStore,
  WorkflowMetricName,
  WorkflowMetrics,
} from '../../src/core/token-store';

/** The tokens table in memory, with the same conditional semantics as the DynamoDB adapter. */
export class InMemoryTokenStore implements TokenStore {
  readonly tokens = new Map<string, TokenRecord>();
  readonly inbox = new Map<string, InboxItem[]>();
  readonly seen = new Map<string, SeenRecord>();

  /** What a waiting state does: put a fresh token (overwriting the previous one). */
  putToken(pk: string, state: string, token = `${state}-token-${Math.random()}`): TokenRecord {
    const [choreography = '', correlationId = ''] = pk.split('#');
    const record = {
      pk,
      token,
      state,
      choreography,
      correlationId,
      executionArn: `arn:aws:states:us-east-1:000000000000:execution:m:${correlationId}`,
      enteredAt: '2026-01-01T00:00:00.000Z',
      ttl: 2_000_000_000,
    };
    this.tokens.set(pk, record);
    return record;
  }

  async getToken(pk: string) {
    const token = this.tokens.get(pk);
    return token === undefined ? undefined : { ...token };
  }

  async getTokenAndInbox(pk: string) {
    const items = [...(this.inbox.get(pk) ?? [])].sort((a, b) => a.sk.localeCompare(b.sk));
    return { token: await this.getToken(pk), inbox: items };
  }

  async getSeen(pk: string, eventId: string) {
    return this.seen.get(`${pk}|${eventId}`);
  }

  async claimForEvent(
    pk: string,
    target: ClaimTarget,
    event: CallbackEvent,
    options: { now: Date; ttl: number }
  ): Promise<ClaimOutcome> {
    if (this.seen.has(`${pk}|${event.id}`)) return 'duplicate';
    const token = this.tokens.get(pk);
    if (token?.token !== target.token || token.claimedBy !== undefined) return 'contended';
    this.claim(token, event, options.now, 'event');
    this.seen.set(`${pk}|${event.id}`, {
      eventId: event.id,
      status: 'claimed',
      token: target.token,
      state: target.state,
    });
    return 'claimed';
  }

  async claimFromInbox(
    pk: string,
    target: ClaimTarget,
    item: InboxItem,
    options: { now: Date; ttl: number }
  ): Promise<ClaimOutcome> {
    const token = this.tokens.get(pk);
    const items = this.inbox.get(pk) ?? [];
    if (
      token?.token !== target.token ||
      token.claimedBy !== undefined ||
      !items.some((candidate) => candidate.sk === item.sk)
    )
      return 'contended';
    this.claim(token, item.event, options.now, 'inbox');
    this.inbox.set(
      pk,
      items.filter((candidate) => candidate.sk !== item.sk)
    );
    this.seen.set(`${pk}|${item.event.id}`, {
      eventId: item.event.id,
      status: 'claimed',
      token: target.token,
      state: target.state,
    });
    return 'claimed';
  }

  async putInInbox(
    pk: string,
    event: CallbackEvent,
    options: { now: Date; ttl: number }
  ): Promise<'stored' | 'duplicate'> {
    if (this.seen.has(`${pk}|${event.id}`)) return 'duplicate';
    this.seen.set(`${pk}|${event.id}`, { eventId: event.id, status: 'inboxed' });
    this.inbox.set(pk, [
      ...(this.inbox.get(pk) ?? []),
      { sk: `TOKEN#INBOX#${event.time}#${event.id}`, event, receivedAt: options.now.toISOString() },
    ]);
    return 'stored';
  }

  async markDelivered(pk: string, token: string, eventId: string, now: Date, options = { onToken: true }) {
    const current = this.tokens.get(pk);
    if (options.onToken && current?.token === token && current.claimedBy === eventId)
      current.deliveredAt = now.toISOString();
    const seen = this.seen.get(`${pk}|${eventId}`);
    if (seen !== undefined) seen.status = 'delivered';
  }

  async markRejected(pk: string, eventId: string, reason: string) {
    const seen = this.seen.get(`${pk}|${eventId}`);
    if (seen !== undefined) Object.assign(seen, { status: 'rejected', reason });
  }

  private claim(token: TokenRecord, event: CallbackEvent, now: Date, via: 'event' | 'inbox') {
    token.claimedVia = via;
    token.claimedBy = event.id;
    token.claimedAt = now.toISOString();
    token.claimedEvent = event;
  }
}

/** Step Functions' callbacks in memory: each token is accepted once, then answers TaskTimedOut. */
export class RecordingCallbacks implements TaskCallbacks {
  readonly sent: { token: string; event: CallbackEvent }[] = [];
  readonly closed = new Set<string>();
  failNext: Error | undefined;

  async sendSuccess(token: string, output: CallbackEvent) {
    if (this.failNext !== undefined) {
      const error = this.failNext;
      this.failNext = undefined;
      throw error;
    }
    if (this.closed.has(token)) return { rejected: 'TaskTimedOut', message: 'Task Timed Out' };
    this.closed.add(token);
    this.sent.push({ token, event: output });
    return 'sent' as const;
  }
}

export class RecordingMetrics implements WorkflowMetrics {
  readonly counts = new Map<string, number>();
  readonly durations: { state: string; milliseconds: number }[] = [];

  count(name: WorkflowMetricName, choreography: string, value = 1) {
    const key = `${choreography}:${name}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + value);
  }

  stateDuration(_choreography: string, state: string, milliseconds: number) {
    this.durations.push({ state, milliseconds });
  }

  get(name: WorkflowMetricName, choreography = 'order'): number {
    return this.counts.get(`${choreography}:${name}`) ?? 0;
  }
}

export const silentLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export function callbackDeps() {
  const store = new InMemoryTokenStore();
  const callbacks = new RecordingCallbacks();
  const metrics = new RecordingMetrics();
  return { store, callbacks, metrics, logger: silentLogger, now: () => new Date('2026-01-01T00:00:05.000Z') };
}
