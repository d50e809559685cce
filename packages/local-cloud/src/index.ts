export { registerLocalCommands } from './cli/register-local-commands';
export { expireTtlItems } from './dynamodb/expire-ttl-items';
export {
  AwsApiError,
  DeliveryError,
  LocalCloudError,
  RetryableLocalCloudError,
  StartupError,
  UnresolvedVariableError,
  UnsupportedTemplateError,
} from './errors';
export type { LocalCloud, LocalCloudEndpoints, LocalCloudOptions } from './local-cloud';
export { localCloudEnv } from './local-cloud';
export { getFreePort } from './net/get-free-port';
export { isPortOpen } from './net/probe';
export type { CreatedResources } from './resources/create-resources';
export type { Delivery } from './router/delivery-log';
export type { StreamEventSourceMapping } from './router/dynamodb-stream-source';
export type { EventRouter, PutEventsResult } from './router/event-router';
export type { LambdaContextLike, LambdaLike } from './router/lambda-context';
export type { BucketNotificationConfiguration } from './router/s3-notifications';
export type { ScheduledFire } from './router/schedule-runner';
export type { SqsEventSourceMapping } from './router/sqs-event-source';
export { startLocalCloud } from './start-local-cloud';
