import type { CallbackEvent } from './callback-event';

/** The token a waiting state stored (`sk = TOKEN`), and what the monitor added to it. */
export type TokenRecord = {
  pk: string;
  token: string;
  state: string;
  choreography: string;
  correlationId: string;
  executionArn: string;
  /** When the state was entered (`$$.State.EnteredTime`). */
  enteredAt: string;
  /** Epoch seconds (DynamoDB TTL). */
  ttl: number;
  /** The event that claimed this token, once claimed; the callback is then sent with `claimedEvent`. */
  claimedBy?: string | undefined;
  claimedAt?: string | undefined;
  /** Who claimed: the forwarder for an arriving `event` (SQS redelivers it if it stops), or an `inbox` drain. */
  claimedVia?: 'event' | 'inbox' | undefined;
  claimedEvent?: CallbackEvent | undefined;
  /** Set once Step Functions took the callback (or answered that the task was already closed). */
  deliveredAt?: string | undefined;
};

/** An event kept until the workflow reaches a state that accepts it. */
export type InboxItem = { sk: string; event: CallbackEvent; receivedAt: string };

/** Processing record of one event id (`sk = SEEN#<id>`): what makes a duplicate a no-op. */
export type SeenRecord = {
  eventId: string;
  status: 'inboxed' | 'claimed' | 'delivered' | 'rejected';
  token?: string | undefined;
  state?: string | undefined;
  reason?: string | undefined;
};

/** The token being claimed and the state it belongs to. */
export type ClaimTarget = Pick<TokenRecord, 'token' | 'state'>;

/** The outcome of a conditional claim. */
export type ClaimOutcome = 'claimed' | 'duplicate' | 'contended';

/**
 * The tokens table (`pk = <choreography>#<correlation id>`): the waiting state's token, the inbox of early
 * events and the processed-event records. Every read is strongly consistent; every write that decides
 * (claiming a token, storing an event) is conditional, so concurrent workers cannot both advance a workflow.
 */
export interface TokenStore {
  getToken(pk: string): Promise<TokenRecord | undefined>;
  /** The token and the inbox in one consistent query (inbox oldest first). */
  getTokenAndInbox(pk: string): Promise<{ token: TokenRecord | undefined; inbox: InboxItem[] }>;
  getSeen(pk: string, eventId: string): Promise<SeenRecord | undefined>;
  /** Claims `token` for a fresh event and records the event id, atomically. */
  claimForEvent(
    pk: string,
    token: ClaimTarget,
    event: CallbackEvent,
    options: { now: Date; ttl: number }
  ): Promise<ClaimOutcome>;
  /** Claims `token` for an inbox item: deletes the item and moves its record to claimed, atomically. */
  claimFromInbox(
    pk: string,
    token: ClaimTarget,
    item: InboxItem,
    options: { now: Date; ttl: number }
  ): Promise<ClaimOutcome>;
  /** Keeps an early event; `duplicate` when its id was seen before. */
  putInInbox(
    pk: string,
    event: CallbackEvent,
    options: { now: Date; ttl: number }
  ): Promise<'stored' | 'duplicate'>;
  /**
   * Records that Step Functions took the callback; with `onToken`, also on the token item (only while it
   * still holds `token`) — drains need that for their own claims only.
   */
  markDelivered(
    pk: string,
    token: string,
    eventId: string,
    now: Date,
    options?: { onToken: boolean }
  ): Promise<void>;
  markRejected(pk: string, eventId: string, reason: string): Promise<void>;
}

/** Step Functions' callback API, as the monitor uses it. */
export interface TaskCallbacks {
  /** `sent`, or the reason Step Functions refused the token (TaskTimedOut, InvalidToken, TaskDoesNotExist). */
  sendSuccess(token: string, output: CallbackEvent): Promise<'sent' | { rejected: string; message: string }>;
}

/** Metrics the workflow cores emit (the adapter adds the `choreography` dimension). */
export type WorkflowMetricName =
  | 'ExecutionsStarted'
  | 'DuplicateStarts'
  | 'WorkflowsCompleted'
  | 'WorkflowsFailed'
  | 'WorkflowsStuck'
  | 'UnexpectedEvents'
  | 'EventsDelivered'
  | 'EventsInboxed'
  | 'InboxDelivered'
  | 'DuplicateEvents'
  | 'CallbacksRejected'
  | 'ClaimsRecovered'
  | 'InvalidEvents';

export interface WorkflowMetrics {
  count(name: WorkflowMetricName, choreography: string, value?: number): void;
  /** How long a workflow waited in `state` before the event that moved it on was delivered. */
  stateDuration(choreography: string, state: string, milliseconds: number): void;
}

/** A logger the cores can use (powertools' fits). */
export interface WorkflowLogger {
  info(message: string, extra: Record<string, unknown>): void;
  warn(message: string, extra: Record<string, unknown>): void;
  error(message: string, extra: Record<string, unknown>): void;
}
