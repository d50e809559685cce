/**
 * Actions that AWS documents as having no resource-level permissions (the "Resource types" column of the
 * Service Authorization Reference is empty), so a policy must say `Resource: '*'` for them. Only these may
 * use `Resource: '*'`, and each is listed by its exact name: a wildcard (`organizations:Describe*`) is not
 * allowed here, nor anywhere else.
 *
 * Not here on purpose (they do support resource-level permissions, scope them):
 * - `securityhub:BatchImportFindings` → the product, `arn:aws:securityhub:<region>:<account>:product/<account>/default`
 * - `securityhub:GetFindings`, `securityhub:BatchUpdateFindings` → the hub, `arn:aws:securityhub:<region>:<account>:hub/default`
 * - `events:PutEvents` → the bus; `sqs:*`, `sns:Publish`, `dynamodb:*`, `states:StartExecution` → their resources
 * - `organizations:DescribeAccount` → `arn:aws:organizations::<management account>:account/o-*\/<id>`
 */
export const RESOURCE_STAR_ALLOWLIST: ReadonlySet<string> = new Set([
  // Metrics (EMF goes through logs, but a direct PutMetricData has no resource; narrow with the
  // `cloudwatch:namespace` condition key).
  'cloudwatch:PutMetricData',
  // X-Ray tracing from Lambda (`tracing: Active`).
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  // Step Functions task tokens are not resources: the token itself is the capability.
  'states:SendTaskSuccess',
  'states:SendTaskFailure',
  'states:SendTaskHeartbeat',
  // Step Functions' own logging to CloudWatch Logs (AWS's documented execution-role policy).
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
  // Account enrichment (the account table can be filled from AWS Organizations).
  'organizations:ListAccounts',
  'organizations:DescribeOrganization',
  // Identity.
  'sts:GetCallerIdentity',
]);

/**
 * Principals of `AWS::Lambda::Permission` for which AWS does not take `SourceAccount`: Alexa skills are
 * scoped by `EventSourceToken` instead. Vigil uses none of them; the list documents the exception.
 */
export const SOURCE_ACCOUNT_EXEMPT_PRINCIPALS: ReadonlySet<string> = new Set([
  'alexa-appkit.amazon.com',
  'alexa-connectedhome.amazon.com',
]);
