import { checkAsyncPaths } from './async-path-rules';
import { activeResources, type CfnTemplate, type Violation } from './cfn-template';
import { checkIamPolicies } from './iam-rules';
import {
  checkEncryption,
  checkInvokePermissions,
  checkLogRetention,
  checkPointInTimeRecovery,
  checkTags,
} from './resource-rules';

/** The review's rules, by the name the tests and the report use. */
export const SECURITY_RULES = [
  'no-wildcard-actions',
  'resources-scoped',
  'invoke-permission-scoped',
  'encryption-at-rest',
  'dlq-on-async-paths',
  'log-retention',
  'created-by-vigil-tag',
  'pitr-on-prod-tables',
] as const;
export type SecurityRule = (typeof SECURITY_RULES)[number];

/** Every violation of a packaged template, for the resources active with its packaged parameters. */
export function reviewTemplate(template: CfnTemplate, stage: string): Violation[] {
  const resources = activeResources(template);
  return [
    ...checkIamPolicies(resources),
    ...checkInvokePermissions(resources),
    ...checkEncryption(resources),
    ...checkAsyncPaths(resources),
    ...checkLogRetention(resources),
    ...checkTags(resources),
    ...(stage === 'prod' ? checkPointInTimeRecovery(resources) : []),
  ];
}
