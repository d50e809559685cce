// @vigil/event-schema: zod schemas and inferred types for every event Vigil reads or emits.

// Alerts
export type { ActorChainLink, AlertActor } from './alerts/alert-actor';
export { ActorChainLinkSchema, AlertActorSchema } from './alerts/alert-actor';
export type { AlertOrigin } from './alerts/alert-origin';
export { AlertOriginSchema } from './alerts/alert-origin';
export type { MitreTechnique } from './alerts/mitre-technique';
export { MitreTechniqueSchema } from './alerts/mitre-technique';
export type { AlertEventSummary, AlertResource, VigilAlert } from './alerts/vigil-alert';
export {
  AlertEventSummarySchema,
  AlertResourceSchema,
  VIGIL_ALERT,
  VigilAlertSchema,
} from './alerts/vigil-alert';
// Choreography
export type { WorkflowEvent } from './choreography/workflow-event';
export { readCorrelationId, WorkflowEventSchema, workflowEventSchema } from './choreography/workflow-event';
export type {
  WorkflowCompleted,
  WorkflowFailed,
  WorkflowLastEvent,
  WorkflowStatus,
  WorkflowStatusEvent,
  WorkflowStuck,
} from './choreography/workflow-status';
export {
  VIGIL_WORKFLOW_COMPLETED,
  VIGIL_WORKFLOW_FAILED,
  VIGIL_WORKFLOW_STUCK,
  WorkflowCompletedSchema,
  WorkflowFailedSchema,
  WorkflowLastEventSchema,
  WorkflowStatusEventSchema,
  WorkflowStatusSchema,
  WorkflowStuckSchema,
} from './choreography/workflow-status';
// CloudTrail
export type { CloudTrailDigest, CloudTrailDigestLogFile } from './cloudtrail/cloudtrail-digest';
export { CloudTrailDigestLogFileSchema, CloudTrailDigestSchema } from './cloudtrail/cloudtrail-digest';
export type { CloudTrailLogFile } from './cloudtrail/cloudtrail-log-file';
export { CloudTrailLogFileSchema } from './cloudtrail/cloudtrail-log-file';
export type {
  CloudTrailEventRecord,
  CloudTrailInsightRecord,
  CloudTrailRecord,
  CloudTrailResource,
} from './cloudtrail/cloudtrail-record';
export {
  CloudTrailEventRecordSchema,
  CloudTrailInsightRecordSchema,
  CloudTrailRecordSchema,
  CloudTrailResourceSchema,
  isCloudTrailInsightRecord,
} from './cloudtrail/cloudtrail-record';
export type {
  KnownUserIdentityType,
  OnBehalfOf,
  SessionContext,
  SessionIssuer,
  UserIdentity,
} from './cloudtrail/user-identity';
export {
  isKnownUserIdentityType,
  KNOWN_USER_IDENTITY_TYPES,
  KnownUserIdentityTypeSchema,
  OnBehalfOfSchema,
  SessionContextSchema,
  SessionIssuerSchema,
  UserIdentitySchema,
} from './cloudtrail/user-identity';
// Common
export type { EventContract, PutEventsEntry } from './common/event-contract';
export { buildPutEventsEntry, defineEventContract } from './common/event-contract';
export type { SchemaVersion } from './common/primitives';
export {
  IsoDateTimeSchema,
  IsoDateTimeWithOffsetSchema,
  NonEmptyStringSchema,
  SCHEMA_VERSION,
  SchemaVersionSchema,
} from './common/primitives';
// Contracts and JSON Schema export
export type { EventJsonSchema } from './contracts/json-schemas';
export { buildEventJsonSchemas, jsonSchemaFileName } from './contracts/json-schemas';
export { VIGIL_EVENT_CONTRACTS } from './contracts/vigil-contracts';
// Validation
export { SchemaValidationError } from './errors';
// Findings
export type { AsffFinding, AsffRelatedFinding, AsffResource, AsffSeverity } from './findings/asff-finding';
export {
  AsffFindingSchema,
  AsffRelatedFindingSchema,
  AsffResourceSchema,
  AsffSeveritySchema,
} from './findings/asff-finding';
export type { CorrelatedFinding } from './findings/correlated-finding';
export { CorrelatedFindingSchema, VIGIL_CORRELATED_FINDING } from './findings/correlated-finding';
export type { GuardDutyFinding, GuardDutyFindingEvent } from './findings/guardduty-finding';
export { GuardDutyFindingEventSchema, GuardDutyFindingSchema } from './findings/guardduty-finding';
export type {
  SecurityHubFindingsImportedDetail,
  SecurityHubFindingsImportedEvent,
} from './findings/security-hub-findings-imported';
export {
  SecurityHubFindingsImportedDetailSchema,
  SecurityHubFindingsImportedEventSchema,
} from './findings/security-hub-findings-imported';
export type { SeverityLabel } from './findings/severity';
export {
  compareSeverity,
  guardDutySeverityLabel,
  SEVERITY_LABELS,
  SeverityLabelSchema,
} from './findings/severity';
// Jobs
export type { DispatchedJobDetail, VigilJobMetadata } from './jobs/dispatched-job';
export {
  DispatchedJobDetailSchema,
  VIGIL_SCHEDULER_SOURCE,
  VigilJobMetadataSchema,
} from './jobs/dispatched-job';
export type { CancelJobRequest, Job, ScheduleJobRequest } from './jobs/job';
export {
  CancelJobRequestSchema,
  JobIdSchema,
  JobSchema,
  JobSourceSchema,
  MAX_JOB_DETAIL_BYTES,
  ScheduleJobRequestSchema,
} from './jobs/job';
export type { Recurrence } from './jobs/recurrence';
export {
  IanaTimeZoneSchema,
  isIanaTimeZone,
  RecurrenceExpressionSchema,
  RecurrenceSchema,
} from './jobs/recurrence';
export type { RecurrenceExpression, RecurrenceExpressionResult } from './jobs/recurrence-expression';
export { parseRecurrenceExpression } from './jobs/recurrence-expression';
export type { SchedulerPaused } from './jobs/scheduler-paused';
export { SchedulerPausedSchema, VIGIL_SCHEDULER_PAUSED } from './jobs/scheduler-paused';
// Triggers
export type {
  CloudTrailApiCallEvent,
  CloudTrailConsoleSignInEvent,
  CloudTrailRealtimeEvent,
} from './triggers/cloudtrail-api-call';
export {
  CloudTrailApiCallEventSchema,
  CloudTrailConsoleSignInEventSchema,
  CloudTrailRealtimeEventSchema,
} from './triggers/cloudtrail-api-call';
export type {
  CloudTrailSnsNotice,
  CloudTrailSnsNoticeMessage,
  CloudTrailSnsNoticeSnsEvent,
  CloudTrailSnsNoticeSqsEvent,
  CloudTrailSnsNoticeSqsRecord,
} from './triggers/cloudtrail-sns-notice';
export {
  CloudTrailSnsNoticeJsonSchema,
  CloudTrailSnsNoticeMessageSchema,
  CloudTrailSnsNoticeSchema,
  CloudTrailSnsNoticeSnsEventSchema,
  CloudTrailSnsNoticeSqsEventSchema,
  CloudTrailSnsNoticeSqsRecordSchema,
} from './triggers/cloudtrail-sns-notice';
export type { DynamoDbStreamEvent, DynamoDbStreamRecord } from './triggers/dynamodb-stream';
export { DynamoDbStreamEventSchema, DynamoDbStreamRecordSchema } from './triggers/dynamodb-stream';
export type { EventBridgeEvent } from './triggers/eventbridge-envelope';
export {
  EventBridgeEnvelopeSchema,
  EventBridgeEventSchema,
  eventBridgeEnvelope,
} from './triggers/eventbridge-envelope';
export type {
  S3Notification,
  S3NotificationMessage,
  S3NotificationRecord,
  S3TestEvent,
} from './triggers/s3-notification';
export {
  decodeS3Key,
  isS3TestEvent,
  S3NotificationMessageSchema,
  S3NotificationRecordSchema,
  S3NotificationSchema,
  S3TestEventSchema,
} from './triggers/s3-notification';
export type { S3NotificationSqsEvent, S3NotificationSqsRecord } from './triggers/s3-notification-sqs';
export { S3NotificationSqsEventSchema, S3NotificationSqsRecordSchema } from './triggers/s3-notification-sqs';
export type { S3ObjectCreatedDetail, S3ObjectCreatedEvent } from './triggers/s3-object-created';
export { S3ObjectCreatedDetailSchema, S3ObjectCreatedEventSchema } from './triggers/s3-object-created';
export type { SnsEvent, SnsNotification, SnsSqsNotification } from './triggers/sns-envelope';
export {
  SnsEventSchema,
  SnsNotificationSchema,
  SnsRecordSchema,
  SnsSqsNotificationSchema,
  snsEnvelope,
  snsSqsNotificationEnvelope,
} from './triggers/sns-envelope';
export type { SqsEvent, SqsRecord } from './triggers/sqs-envelope';
export { SqsEventSchema, SqsRecordSchema, sqsEnvelope, sqsRecordEnvelope } from './triggers/sqs-envelope';
export { formatPath, formatValidationError } from './validation/format-validation-error';
export { parseWith } from './validation/parse-with';
