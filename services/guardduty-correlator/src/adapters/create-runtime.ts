import type { Config } from '../config';
import { loadRuleSet } from '../core/load-rule-set';
import type { CorrelatorMetrics } from '../core/ports';
import type { RuleSet } from '../core/rule-set';
import type { AwsClients } from './aws-clients';
import { createCorrelationPublisher } from './correlation-publisher';
import { createDynamoDbFindingStore } from './dynamodb-finding-store';
import { createOrganizationsAccountDirectory, noAccountDirectory } from './organizations-account-directory';
import { powertoolsMetrics } from './powertools-metrics';
import { BUILTIN_CORRELATIONS_DIR, readRuleSources } from './rule-files';
import { createSecurityHubGateway } from './security-hub-gateway';
import { createSqsQuarantine } from './sqs-quarantine';

/** Everything the three functions share, built once per container. */
export function createRuntime(
  settings: Config,
  clients: AwsClients,
  metrics: CorrelatorMetrics = powertoolsMetrics
) {
  const ruleSet: RuleSet = loadRuleSet(
    readRuleSources([settings.CORRELATIONS_DIR ?? BUILTIN_CORRELATIONS_DIR])
  );
  const securityHub = createSecurityHubGateway(clients.securityHub, {
    importRatePerSecond: settings.IMPORT_RATE_PER_SECOND,
  });
  return {
    ruleSet,
    metrics,
    store: createDynamoDbFindingStore(clients.documentClient, {
      tableName: settings.FINDINGS_TABLE_NAME,
      ttlDays: settings.FINDING_TTL_DAYS,
    }),
    securityHub,
    accounts:
      settings.ENRICHMENT === 'none'
        ? noAccountDirectory
        : createOrganizationsAccountDirectory(clients.organizations, {
            cacheSeconds: settings.ACCOUNT_CACHE_SECONDS,
            metrics,
          }),
    publisher: createCorrelationPublisher(clients, {
      eventBusName: settings.EVENT_BUS_NAME,
      alertTopicArn: settings.ALERT_TOPIC_ARN,
    }),
    quarantine: createSqsQuarantine(clients.sqs, settings.QUARANTINE_QUEUE_URL),
    product: { accountId: settings.ACCOUNT_ID, region: settings.AWS_REGION, partition: settings.PARTITION },
  };
}
export type Runtime = ReturnType<typeof createRuntime>;
