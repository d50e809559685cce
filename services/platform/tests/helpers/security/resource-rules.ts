import { asList, type CfnResource, isRecord, ofType, render, type Violation } from './cfn-template';
import { SOURCE_ACCOUNT_EXEMPT_PRINCIPALS } from './resource-star-allowlist';

/** Every `AWS::Lambda::Permission` names the calling resource (SourceArn) and its account (SourceAccount). */
export function checkInvokePermissions(resources: Record<string, CfnResource>): Violation[] {
  const violations: Violation[] = [];
  for (const [id, permission] of ofType(resources, 'AWS::Lambda::Permission')) {
    const props = permission.Properties ?? {};
    const principal = render(props.Principal);
    if (props.SourceArn === undefined) {
      violations.push({
        resource: id,
        rule: 'invoke-permission-scoped',
        detail: `${principal} may invoke without SourceArn`,
        fix: 'set SourceArn to the rule/topic/bucket ARN that invokes the function',
      });
    }
    if (props.SourceAccount === undefined && !SOURCE_ACCOUNT_EXEMPT_PRINCIPALS.has(principal)) {
      violations.push({
        resource: id,
        rule: 'invoke-permission-scoped',
        detail: `${principal} may invoke without SourceAccount`,
        fix: `add SourceAccount: !Ref AWS::AccountId (for a framework-generated permission: resources.extensions.${id}.Properties.SourceAccount)`,
      });
    }
  }
  return violations;
}

function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/**
 * Encryption at rest: SQS (SSE-SQS or KMS), SNS (KMS), DynamoDB (SSE), S3 (default encryption). Step
 * Functions, EventBridge and CloudWatch Logs encrypt with AWS-owned keys by default and are not checked.
 */
export function checkEncryption(resources: Record<string, CfnResource>): Violation[] {
  const violations: Violation[] = [];
  const add = (resource: string, detail: string, fix: string) =>
    violations.push({ resource, rule: 'encryption-at-rest', detail, fix });
  for (const [id, resource] of Object.entries(resources)) {
    const props = resource.Properties ?? {};
    switch (resource.Type) {
      case 'AWS::SQS::Queue':
        if (!isTrue(props.SqsManagedSseEnabled) && props.KmsMasterKeyId === undefined)
          add(id, 'queue without SSE', 'SqsManagedSseEnabled: true (or KmsMasterKeyId)');
        break;
      case 'AWS::SNS::Topic':
        if (props.KmsMasterKeyId === undefined) add(id, 'topic without KMS', 'KmsMasterKeyId: alias/aws/sns');
        break;
      case 'AWS::DynamoDB::Table':
      case 'AWS::DynamoDB::GlobalTable': {
        const sse = isRecord(props.SSESpecification) ? props.SSESpecification : {};
        if (!isTrue(sse.SSEEnabled))
          add(id, 'table without SSESpecification.SSEEnabled', 'SSESpecification: { SSEEnabled: true }');
        break;
      }
      case 'AWS::S3::Bucket':
        if (props.BucketEncryption === undefined)
          add(id, 'bucket without BucketEncryption', 'BucketEncryption with SSEAlgorithm AES256 or aws:kms');
        break;
    }
  }
  return violations;
}

/** Point-in-time recovery on every table of the prod stage. */
export function checkPointInTimeRecovery(resources: Record<string, CfnResource>): Violation[] {
  return ofType(resources, 'AWS::DynamoDB::Table')
    .filter(([, table]) => {
      const pitr = table.Properties?.PointInTimeRecoverySpecification;
      return !(isRecord(pitr) && isTrue(pitr.PointInTimeRecoveryEnabled));
    })
    .map(([id]) => ({
      resource: id,
      rule: 'pitr-on-prod-tables',
      detail: 'prod table without point-in-time recovery',
      fix: 'PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } (e.g. !If [IsProd, true, false])',
    }));
}

/** Every log group keeps logs for a bounded time, and every function has its log group in the stack. */
export function checkLogRetention(resources: Record<string, CfnResource>): Violation[] {
  const violations: Violation[] = [];
  const groupNames = new Set<string>();
  for (const [id, group] of ofType(resources, 'AWS::Logs::LogGroup')) {
    groupNames.add(render(group.Properties?.LogGroupName));
    if (group.Properties?.RetentionInDays === undefined) {
      violations.push({
        resource: id,
        rule: 'log-retention',
        detail: 'log group without RetentionInDays (kept forever)',
        fix: 'provider.logRetentionInDays or RetentionInDays on the group',
      });
    }
  }
  for (const [id, fn] of ofType(resources, 'AWS::Lambda::Function')) {
    const props = fn.Properties ?? {};
    const logging = isRecord(props.LoggingConfig) ? props.LoggingConfig : {};
    const group =
      logging.LogGroup === undefined ? `/aws/lambda/${render(props.FunctionName)}` : render(logging.LogGroup);
    if (!groupNames.has(group) && !group.startsWith('${')) {
      violations.push({
        resource: id,
        rule: 'log-retention',
        detail: `no log group ${group} in the stack (Lambda would create one that never expires)`,
        fix: 'let the framework create it (do not disable logs) or declare it with RetentionInDays',
      });
    }
  }
  return violations;
}

/**
 * The types checked for the `created-by: vigil` tag (their `Tags` property is a Key/Value list, or a map
 * for SSM parameters). Not checked: types CloudFormation cannot tag (dashboards, queue/topic policies,
 * permissions, subscriptions, event source mappings written by the framework, rules and archives); the
 * stack tags cover whatever CloudFormation propagates to at deploy time.
 */
export const TAGGABLE_TYPES: readonly string[] = [
  'AWS::Lambda::Function',
  'AWS::SQS::Queue',
  'AWS::SNS::Topic',
  'AWS::DynamoDB::Table',
  'AWS::S3::Bucket',
  'AWS::Logs::LogGroup',
  'AWS::IAM::Role',
  'AWS::Events::EventBus',
  'AWS::StepFunctions::StateMachine',
  'AWS::CloudWatch::Alarm',
  'AWS::KMS::Key',
  'AWS::Scheduler::ScheduleGroup',
  'AWS::SSM::Parameter',
];

function hasVigilTag(tags: unknown): boolean {
  if (isRecord(tags)) return tags['created-by'] === 'vigil';
  return asList(tags).some((tag) => isRecord(tag) && tag.Key === 'created-by' && tag.Value === 'vigil');
}

export function checkTags(resources: Record<string, CfnResource>): Violation[] {
  return ofType(resources, ...TAGGABLE_TYPES)
    .filter(([, resource]) => !hasVigilTag(resource.Properties?.Tags))
    .map(([id, resource]) => ({
      resource: id,
      rule: 'created-by-vigil-tag',
      detail: `${resource.Type} without the created-by: vigil tag`,
      fix: `Tags: [{ Key: created-by, Value: vigil }] (framework-generated: resources.extensions.${id}.Properties.Tags)`,
    }));
}
