import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Config } from '../config';
import type { DispatchDeps, DispatchSettings } from '../core/dispatch-due-jobs';
import type { EventPublisher } from '../core/event-publisher';
import { DEFAULT_BACKOFF } from '../core/retry-policy';
import { DEFAULT_SWEEP_SETTINGS } from '../core/sweep-plan';
import { DynamoDbDispatcherState } from './dynamodb-dispatcher-state';
import { DynamoDbDueJobStore } from './dynamodb-due-job-store';
import { EventBridgePublisher } from './event-bridge-publisher';
import { SqsDeadLetterSink } from './sqs-dead-letter-sink';

export type DispatchClients = { dynamodb: DynamoDBClient; eventBridge: EventBridgeClient; sqs: SQSClient };

export type DispatchRuntimeOverrides = {
  clock?: (() => Date) | undefined;
  /** Wraps the publisher (tests inject partial failures this way). */
  decoratePublisher?: ((publisher: EventPublisher) => EventPublisher) | undefined;
};

/** Settings from the environment. */
export function dispatchSettings(config: Config): DispatchSettings {
  return {
    defaultBus: config.EVENT_BUS_NAME,
    pauseMinutes: config.PAUSE_MINUTES,
    defaultLimits: {
      maxAttempts: config.DEFAULT_MAX_ATTEMPTS,
      maxEventAgeSeconds: config.DEFAULT_MAX_EVENT_AGE_SECONDS,
    },
    sweep: { ...DEFAULT_SWEEP_SETTINGS, maxBucketsPerTick: config.MAX_BUCKETS_PER_TICK },
    backoff: DEFAULT_BACKOFF,
    publishConcurrency: config.PUBLISH_CONCURRENCY,
    safetyMarginMs: config.SAFETY_MARGIN_MS,
    leaseSkewMs: 2000,
  };
}

/** The dispatcher's deps on real AWS clients (or local-cloud's, through the endpoint variables). */
export function dispatchDeps(
  config: Config,
  clients: DispatchClients,
  remainingMs: () => number,
  warn: DispatchDeps['warn'],
  overrides: DispatchRuntimeOverrides = {}
): DispatchDeps {
  const publisher = new EventBridgePublisher(clients.eventBridge);
  return {
    jobs: new DynamoDbDueJobStore(clients.dynamodb, config.JOBS_TABLE_NAME),
    publisher: overrides.decoratePublisher?.(publisher) ?? publisher,
    deadLetters: new SqsDeadLetterSink(clients.sqs, config.DLQ_URL),
    state: new DynamoDbDispatcherState(clients.dynamodb, config.STATE_TABLE_NAME),
    clock: overrides.clock ?? (() => new Date()),
    remainingMs,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
    warn,
  };
}
