// Small helpers for the Sigma compiler tests: a minimal CloudTrail Sigma rule around a detection block,
// and matching through the engine's own condition compiler (the semantics the rule will really have).
import type { Rule } from '../../../src/core/rule';
import { compileRuleCondition } from '../../../src/core/rule-condition';
import { compileSigmaRule } from '../../../src/core/sigma/compile-sigma-rule';

export function sigmaDocument(detection: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    title: 'Test rule',
    id: '5f1c2b4e-0000-4000-8000-000000000001',
    logsource: { product: 'aws', service: 'cloudtrail' },
    detection,
    level: 'medium',
    ...extra,
  };
}

export function compileDetection(detection: Record<string, unknown>): Rule {
  return compileSigmaRule(sigmaDocument(detection));
}

/** Compiles `detection` and returns which of the records it matches (by index). */
export function matchingIndexes(
  detection: Record<string, unknown>,
  records: Record<string, unknown>[]
): number[] {
  const rule = compileDetection(detection);
  const predicate = compileRuleCondition(rule.condition ?? { any: [] });
  return records.flatMap((record, index) => (predicate(record) ? [index] : []));
}

/** A CloudTrail-shaped record with the given fields (defaults: an IAM user calling ec2:DescribeInstances). */
export function record(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventVersion: '1.09',
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice', userName: 'alice' },
    eventTime: '2024-05-14T10:00:00Z',
    eventSource: 'ec2.amazonaws.com',
    eventName: 'DescribeInstances',
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.23',
    userAgent: 'aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0 exe/x86_64.ubuntu.22',
    requestParameters: null,
    responseElements: null,
    eventID: '0b6b2f0e-6a52-4c8e-9a53-2d0f4a1a0001',
    eventType: 'AwsApiCall',
    recipientAccountId: '111122223333',
    ...fields,
  };
}
