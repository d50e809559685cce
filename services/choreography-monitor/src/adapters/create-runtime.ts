import { logger } from '@vigil/lambda-kit';
import type { Config } from '../config';
import { type ChoreographyCatalog, createCatalog } from '../core/choreography-catalog';
import type { CallbackDeps } from '../core/send-callback';
import { dynamodb, eventBridge, sfn, sqs } from './aws-clients';
import { loadChoreographies } from './choreography-files';
import { DynamoDbTokenStore } from './dynamodb-token-store';
import { EventBridgeStatusPublisher } from './eventbridge-status-publisher';
import { powertoolsWorkflowMetrics } from './powertools-workflow-metrics';
import { SfnTaskCallbacks } from './sfn-task-callbacks';
import { SfnWorkflowExecutions } from './sfn-workflow-executions';
import { SqsDeadLetters } from './sqs-dead-letters';

/** Everything the handlers use, built once per container from the configuration. */
export type Runtime = CallbackDeps & {
  config: Config;
  catalog: ChoreographyCatalog;
  store: DynamoDbTokenStore;
  executions: SfnWorkflowExecutions;
  publisher: EventBridgeStatusPublisher;
  deadLetters: SqsDeadLetters;
  choreographyOf(stateMachineArn: string): string | undefined;
};

/**
 * Builds the handlers' dependencies: the catalog from the packaged choreography files (an invalid
 * file fails the cold start, loudly) and the AWS adapters on the module-scope clients.
 */
export function createRuntime(config: Config): Runtime {
  const catalog = createCatalog(loadChoreographies(config.CHOREOGRAPHIES_DIR));
  return {
    config,
    catalog,
    store: new DynamoDbTokenStore(dynamodb, config.TOKENS_TABLE_NAME),
    callbacks: new SfnTaskCallbacks(sfn),
    executions: new SfnWorkflowExecutions(sfn, config.STATE_MACHINE_ARN_PREFIX),
    publisher: new EventBridgeStatusPublisher(eventBridge),
    deadLetters: new SqsDeadLetters(sqs, config.DEAD_LETTER_QUEUE_URL),
    metrics: powertoolsWorkflowMetrics,
    logger,
    now: () => new Date(),
    choreographyOf: (arn) =>
      arn.startsWith(config.STATE_MACHINE_ARN_PREFIX)
        ? arn.slice(config.STATE_MACHINE_ARN_PREFIX.length)
        : undefined,
  };
}
