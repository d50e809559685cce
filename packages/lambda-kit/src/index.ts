export {
  type AwsClientBaseConfig,
  createAwsClient,
  DEFAULT_MAX_ATTEMPTS,
  isLoopback,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
} from './create-aws-client';
export {
  ConfigError,
  type ConfigProblem,
  InvalidInputError,
  PermanentError,
  RetryableError,
  VigilError,
  type VigilErrorOptions,
} from './errors';
export { isRetryable } from './is-retryable';
export { type LambdaOptions, lambda } from './lambda';
export { logger } from './logger';
export { METRICS_NAMESPACE, metrics } from './metrics';
export { parseEnv } from './parse-env';
export { type ParsedEvent, parseInput } from './parse-input';
export { type ProcessSqsRecordsOptions, processSqsRecords, type SqsRecordLike } from './process-sqs-records';
export { INVALID_INPUT_METRIC, recordInvalidInput } from './record-invalid-input';
