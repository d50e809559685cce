import { logger } from '@vigil/lambda-kit';
import type { Config } from '../config';
import { layeredPrincipals } from '../core/enrichment/layered-principals';
import { PrincipalIndex } from '../core/enrichment/principal-index';
import type { AlertSinkDeps } from '../core/publish/alert-sink';
import { deliverAlerts } from '../core/publish/deliver-alerts';
import { routeBackfillAlerts } from '../core/publish/route-backfill-alerts';
import { createRuleProvider } from '../core/watchlist/rule-provider';
import type { AwsClients } from './aws-clients';
import { createBuiltinRuleSource } from './builtin-rule-source';
import { createDynamoDbAccountDirectory } from './dynamodb-account-directory';
import { createDynamoDbAlertLedger } from './dynamodb-alert-ledger';
import { createDynamoDbPrincipalStore } from './dynamodb-principal-store';
import { createDynamoDbRuleStateStore } from './dynamodb-rule-state-store';
import { createDynamoDbWatchlistStore } from './dynamodb-watchlist-store';
import { createEventBridgeAlertPublisher } from './event-bridge-alert-publisher';
import { createSnsAlertPublisher } from './sns-alert-publisher';

/** Issued keys a warm Lambda keeps in memory across files (a cache in front of the principals table). */
const WARM_PRINCIPAL_CACHE = 50_000;

/** The clients the shared runtime uses (the real-time function needs no S3 or SQS client). */
export type RuntimeClients = Pick<AwsClients, 'documentClient' | 'sns' | 'eventBridge'>;

/**
 * Everything both functions share, built once per container: the rules in force (built-in pack, read
 * here at cold start when compiled, + watchlist, cached), rule state, principals, accounts and alert
 * delivery (ledger + SNS + bus).
 */
export function createRuntime(config: Config, clients: RuntimeClients) {
  const nowMs = () => Date.now();
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const principalIndex = new PrincipalIndex({ maxEntries: WARM_PRINCIPAL_CACHE });
  const principalStore = createDynamoDbPrincipalStore(clients.documentClient, {
    tableName: config.PRINCIPALS_TABLE_NAME,
    graceSeconds: config.PRINCIPAL_GRACE_SECONDS,
    now: nowSeconds,
  });
  const ledger = createDynamoDbAlertLedger(clients.documentClient, {
    tableName: config.RULE_STATE_TABLE_NAME,
    ttlSeconds: config.ALERT_TTL_SECONDS,
    staleAfterSeconds: config.ALERT_CLAIM_STALE_SECONDS,
  });
  const channels = [
    routeBackfillAlerts({
      live: createSnsAlertPublisher(clients.sns, config.ALERT_TOPIC_ARN),
      backfill:
        config.BACKFILL_ALERT_TOPIC_ARN === undefined
          ? undefined
          : createSnsAlertPublisher(clients.sns, config.BACKFILL_ALERT_TOPIC_ARN),
    }),
    createEventBridgeAlertPublisher(clients.eventBridge, config.EVENT_BUS_NAME),
  ];
  const rules = createRuleProvider({
    builtin: createBuiltinRuleSource(config),
    watchlist: createDynamoDbWatchlistStore(clients.documentClient, config.WATCHLIST_TABLE_NAME),
    cacheSeconds: config.WATCHLIST_CACHE_SECONDS,
    now: nowMs,
    onProblem: (problem) => logger.warn('watchlist entry not applied', problem),
    onStaleWatchlist: (error) => logger.warn('watchlist unreadable; keeping the last rules', { error }),
  });
  const sinkDeps: AlertSinkDeps = {
    ruleState: createDynamoDbRuleStateStore(clients.documentClient, {
      tableName: config.RULE_STATE_TABLE_NAME,
      now: nowMs,
    }),
    principals: layeredPrincipals(principalIndex, principalStore),
    accounts: createDynamoDbAccountDirectory(clients.documentClient, {
      tableName: config.ACCOUNTS_TABLE_NAME,
      cacheSeconds: config.WATCHLIST_CACHE_SECONDS,
    }),
    deliver: (alerts) => deliverAlerts(alerts, { ledger, channels, now: nowSeconds }),
  };
  return { rules, principalIndex, principalStore, sinkDeps, nowMs };
}

export type Runtime = ReturnType<typeof createRuntime>;
