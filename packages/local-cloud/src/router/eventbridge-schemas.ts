import { z } from 'zod';

// The EventBridge API shapes the router accepts (the subset local-cloud implements), as on the wire.

export const RuleTargetSchema = z.object({
  Id: z.string().min(1).max(64),
  Arn: z.string().min(1),
  RoleArn: z.string().optional(),
  Input: z.string().optional(),
  InputPath: z.string().optional(),
  InputTransformer: z
    .object({ InputPathsMap: z.record(z.string(), z.string()).optional(), InputTemplate: z.string() })
    .optional(),
  SqsParameters: z.object({ MessageGroupId: z.string().optional() }).optional(),
  DeadLetterConfig: z.object({ Arn: z.string().optional() }).optional(),
  RetryPolicy: z
    .object({ MaximumRetryAttempts: z.number().optional(), MaximumEventAgeInSeconds: z.number().optional() })
    .optional(),
});
export type RuleTarget = z.infer<typeof RuleTargetSchema>;

export const PutRuleRequestSchema = z.object({
  Name: z.string().regex(/^[.\-_A-Za-z0-9]{1,64}$/),
  EventBusName: z.string().optional(),
  EventPattern: z.string().optional(),
  ScheduleExpression: z.string().optional(),
  State: z.enum(['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS']).optional(),
  Description: z.string().optional(),
  RoleArn: z.string().optional(),
  Tags: z.array(z.object({ Key: z.string(), Value: z.string() })).optional(),
});
export type PutRuleRequest = z.infer<typeof PutRuleRequestSchema>;

export const PutEventsEntrySchema = z.object({
  Source: z.string().optional(),
  DetailType: z.string().optional(),
  Detail: z.string().optional(),
  EventBusName: z.string().optional(),
  Resources: z.array(z.string()).optional(),
  // The SDK sends epoch seconds; in-process callers may pass a Date.
  Time: z.union([z.number(), z.date(), z.string()]).optional(),
  TraceHeader: z.string().optional(),
});
export type PutEventsEntry = z.infer<typeof PutEventsEntrySchema>;

export const PutEventsRequestSchema = z.object({
  Entries: z.array(PutEventsEntrySchema),
  EndpointId: z.string().optional(),
});

export const PutTargetsRequestSchema = z.object({
  Rule: z.string(),
  EventBusName: z.string().optional(),
  Targets: z.array(RuleTargetSchema).min(1).max(5),
});

export const RuleRefSchema = z.object({
  Name: z.string(),
  EventBusName: z.string().optional(),
  Force: z.boolean().optional(),
});
export const RemoveTargetsRequestSchema = z.object({
  Rule: z.string(),
  EventBusName: z.string().optional(),
  Ids: z.array(z.string()).min(1),
  Force: z.boolean().optional(),
});
export const ListRulesRequestSchema = z.object({
  NamePrefix: z.string().optional(),
  EventBusName: z.string().optional(),
  Limit: z.number().optional(),
  NextToken: z.string().optional(),
});
export const ListTargetsRequestSchema = z.object({ Rule: z.string(), EventBusName: z.string().optional() });
export const EventBusRefSchema = z.object({ Name: z.string().optional() });
export const CreateEventBusRequestSchema = z.object({ Name: z.string().regex(/^[/.\-_A-Za-z0-9]{1,256}$/) });
export const ListEventBusesRequestSchema = z.object({ NamePrefix: z.string().optional() });
export const TestEventPatternRequestSchema = z.object({ EventPattern: z.string(), Event: z.string() });

/** The event EventBridge hands to targets. */
export interface EventBridgeEnvelope {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
}
