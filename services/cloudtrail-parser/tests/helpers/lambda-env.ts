import path from 'node:path';

// The environment serverless.yml gives the functions; imported first by handler tests because
// `src/config.ts` reads it at module load (cold start), exactly as in Lambda.
export const TEST_ENV = {
  STAGE: 'test',
  ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:111122223333:vigil-test-alerts',
  EVENT_BUS_NAME: 'vigil-test',
  IDEMPOTENCY_TABLE_NAME: 'vigil-test-ct-idempotency',
  RULE_STATE_TABLE_NAME: 'vigil-test-ct-rule-state',
  PRINCIPALS_TABLE_NAME: 'vigil-test-ct-principals',
  WATCHLIST_TABLE_NAME: 'vigil-test-ct-watchlist',
  ACCOUNTS_TABLE_NAME: 'vigil-test-accounts',
  LOG_FILE_DLQ_URL: 'https://sqs.us-east-1.amazonaws.com/111122223333/vigil-test-cloudtrail-log-files-dlq',
  RULES_DIR: path.resolve(__dirname, '../../rules'),
};

Object.assign(process.env, TEST_ENV);
