import type { AsffFinding } from '@vigil/event-schema';
import { InvalidInputError } from '@vigil/lambda-kit';
import { UnkeyableFindingError } from '../errors';
import { keysOfAsffResource } from './asff-resource-keys';
import type { FindingState, KeyedResource, NormalisedFinding } from './normalised-finding';
import { parseTimestamp } from './parse-timestamp';

/** `GeneratorId` prefix of the correlator's own findings: they are output, never input. */
export const CORRELATOR_GENERATOR_PREFIX = 'vigil-correlator/';

/** Whether a finding was made by this correlator (Security Hub echoes our imports back as events). */
export function isCorrelatorFinding(finding: Pick<AsffFinding, 'GeneratorId'>): boolean {
  return finding.GeneratorId.startsWith(CORRELATOR_GENERATOR_PREFIX);
}

/** `aws/guardduty` from `arn:aws:securityhub:us-east-1::product/aws/guardduty`. */
export function productKeyOf(productArn: string): string {
  const index = productArn.indexOf(':product/');
  return index === -1 ? productArn : productArn.slice(index + ':product/'.length);
}

/**
 * Where a finding stands: archived (the product closed it), resolved or suppressed (someone closed it),
 * passed (a control check that now passes), else active. Only active findings count.
 */
export function findingState(finding: AsffFinding): FindingState {
  if (finding.RecordState === 'ARCHIVED') return 'ARCHIVED';
  const status = finding.Workflow?.Status ?? legacyWorkflowStatus(finding.WorkflowState);
  if (status === 'RESOLVED' || status === 'SUPPRESSED') return status;
  const compliance = (finding as { Compliance?: { Status?: unknown } }).Compliance?.Status;
  if (compliance === 'PASSED') return 'PASSED';
  return 'ACTIVE';
}

function legacyWorkflowStatus(state: string | undefined): string | undefined {
  if (state === 'RESOLVED') return 'RESOLVED';
  if (state === 'DEFERRED') return 'SUPPRESSED';
  return undefined;
}

/**
 * Normalises an ASFF finding: product, timestamps, state and every resource under its key.
 *
 * @throws InvalidInputError when `UpdatedAt`/`CreatedAt` are not timestamps
 * @throws UnkeyableFindingError when no resource of the finding can be keyed
 */
export function normaliseFinding(finding: AsffFinding): NormalisedFinding {
  const updatedAtMs = requireTimestamp(finding, 'UpdatedAt', finding.UpdatedAt);
  const createdAtMs = requireTimestamp(finding, 'CreatedAt', finding.CreatedAt);
  const firstSeenMs = parseTimestamp(finding.FirstObservedAt) ?? createdAtMs;
  const lastSeenMs = Math.max(firstSeenMs, parseTimestamp(finding.LastObservedAt) ?? updatedAtMs);
  const scope = { accountId: finding.AwsAccountId, region: finding.Region };
  const resources = new Map<string, KeyedResource>();
  for (const resource of finding.Resources) {
    for (const { key, kind } of keysOfAsffResource(resource, scope)) {
      if (resources.has(key)) continue;
      resources.set(key, {
        key,
        kind,
        type: resource.Type,
        id: resource.Id,
        partition: resource.Partition,
        region: resource.Region ?? finding.Region,
      });
    }
  }
  if (resources.size === 0) {
    const described = finding.Resources.map(
      (resource) => `${resource.Type} ${JSON.stringify(resource.Id)}`
    ).join(', ');
    throw new UnkeyableFindingError(
      `finding ${finding.Id}: no resource can be keyed (${described}); known: EC2 instances and volumes, security groups, S3 buckets and objects, IAM access keys, roles and users, RDS instances, Lambda functions, EKS clusters, accounts, and any ARN`,
      finding.Id
    );
  }
  const productKey = productKeyOf(finding.ProductArn);
  const state = findingState(finding);
  return {
    findingId: finding.Id,
    productArn: finding.ProductArn,
    productKey,
    sortKey: `${productKey}#${finding.Id}`,
    accountId: finding.AwsAccountId,
    region: finding.Region,
    title: finding.Title,
    severity: finding.FindingProviderFields?.Severity?.Label ?? finding.Severity.Label,
    updatedAt: finding.UpdatedAt,
    updatedAtMs,
    firstSeenMs,
    lastSeenMs,
    state,
    isLive: state === 'ACTIVE',
    resources: [...resources.values()],
    finding,
  };
}

function requireTimestamp(finding: AsffFinding, field: string, value: string): number {
  const parsed = parseTimestamp(value);
  if (parsed === undefined) {
    throw new InvalidInputError(
      `finding ${finding.Id}: ${field} is not a timestamp (got ${JSON.stringify(value)})`
    );
  }
  return parsed;
}

/** Whether `incoming` should replace `stored` (same finding): strictly newer `UpdatedAt` wins. */
export function isNewerVersion(
  incoming: { updatedAtMs: number },
  stored: { updatedAtMs: number } | undefined
): boolean {
  return stored === undefined || incoming.updatedAtMs > stored.updatedAtMs;
}
