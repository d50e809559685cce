import {
  type AwsSecurityFinding,
  BatchImportFindingsCommand,
  BatchUpdateFindingsCommand,
  GetFindingsCommand,
  type SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import type { AsffFinding } from '@vigil/event-schema';
import { isRetryable } from '@vigil/lambda-kit';
import { planImportBatches } from '../core/plan-import-batches';
import type { FindingResolver, FindingSink } from '../core/ports';
import { RESOLVER_NAME } from '../core/resolve-deleted-resources';
import { type Timer, TokenBucket } from '../core/token-bucket';
import { CorrelatorUnavailableError, FindingRejectedError } from '../errors';

/** FailedFindings codes that mean the finding itself is wrong (retrying sends the same bytes). */
const PERMANENT_IMPORT_ERRORS = new Set([
  'InvalidInput',
  'InvalidInputException',
  'ValidationException',
  'AccessDeniedException',
]);

const realTimer: Timer = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export type SecurityHubGatewayOptions = {
  /** BatchImportFindings calls per second (Security Hub allows 10/s, burst 30, per account and Region). */
  importRatePerSecond: number;
  timer?: Timer | undefined;
};

/**
 * Security Hub behind the core's two ports: importing correlated findings (≤ 100 findings and ≤ 6 MB per
 * call, rate-limited, `FailedFindings` turned into a permanent or retryable error) and auto-resolving the
 * findings of deleted resources (GetFindings by resource id, BatchUpdateFindings 100 at a time).
 */
export function createSecurityHubGateway(
  client: SecurityHubClient,
  options: SecurityHubGatewayOptions
): FindingSink & FindingResolver {
  const timer = options.timer ?? realTimer;
  const imports = new TokenBucket(
    { ratePerSecond: options.importRatePerSecond, burst: options.importRatePerSecond },
    timer
  );
  // GetFindings: 3 requests/s; BatchUpdateFindings: 10/s (Security Hub quotas).
  const reads = new TokenBucket({ ratePerSecond: 3, burst: 3 }, timer);
  const updates = new TokenBucket({ ratePerSecond: 10, burst: 10 }, timer);

  return {
    async importFindings(findings: AsffFinding[]) {
      const { batches, oversized } = planImportBatches(findings);
      if (oversized.length > 0) {
        const list = oversized.map(({ finding, bytes }) => `${finding.Id} (${bytes} bytes)`).join(', ');
        throw new FindingRejectedError(`findings over Security Hub's 240 KB limit: ${list}`, {
          code: 'FINDING_TOO_LARGE',
        });
      }
      for (const batch of batches) {
        await imports.take();
        const response = await call('BatchImportFindings', () =>
          client.send(new BatchImportFindingsCommand({ Findings: batch.map(toSdkFinding) }))
        );
        const failed = response.FailedFindings ?? [];
        if (failed.length === 0) continue;
        const list = failed
          .map((entry) => `${entry.Id}: ${entry.ErrorCode} ${entry.ErrorMessage}`)
          .join('; ');
        if (failed.every((entry) => PERMANENT_IMPORT_ERRORS.has(entry.ErrorCode ?? ''))) {
          throw new FindingRejectedError(`Security Hub refused ${failed.length} finding(s): ${list}`);
        }
        throw new CorrelatorUnavailableError(
          `Security Hub could not import ${failed.length} finding(s): ${list}`
        );
      }
    },

    async findOpenFindings(resourceIds: string[]) {
      const found: { Id: string; ProductArn: string }[] = [];
      // GetFindings accepts at most 20 values per filter.
      for (let start = 0; start < resourceIds.length; start += 20) {
        const ids = resourceIds.slice(start, start + 20);
        let nextToken: string | undefined;
        do {
          await reads.take();
          const page = await call('GetFindings', () =>
            client.send(
              new GetFindingsCommand({
                Filters: {
                  ResourceId: ids.map((Value) => ({ Value, Comparison: 'EQUALS' })),
                  WorkflowStatus: [
                    { Value: 'NEW', Comparison: 'EQUALS' },
                    { Value: 'NOTIFIED', Comparison: 'EQUALS' },
                  ],
                  RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
                },
                MaxResults: 100,
                NextToken: nextToken,
              })
            )
          );
          for (const finding of page.Findings ?? []) {
            if (finding.Id && finding.ProductArn)
              found.push({ Id: finding.Id, ProductArn: finding.ProductArn });
          }
          nextToken = page.NextToken || undefined;
        } while (nextToken !== undefined);
      }
      return found;
    },

    async resolveFindings(findings, note) {
      let resolved = 0;
      for (let start = 0; start < findings.length; start += 100) {
        await updates.take();
        const response = await call('BatchUpdateFindings', () =>
          client.send(
            new BatchUpdateFindingsCommand({
              FindingIdentifiers: findings.slice(start, start + 100),
              Workflow: { Status: 'RESOLVED' },
              Note: { Text: note, UpdatedBy: RESOLVER_NAME },
            })
          )
        );
        resolved += response.ProcessedFindings?.length ?? 0;
        // A finding Security Hub no longer has (expired, or only ever stored here) needs no resolving.
        const failed = (response.UnprocessedFindings ?? []).filter(
          (entry) => entry.ErrorCode !== 'FindingNotFound'
        );
        if (failed.length > 0) {
          const list = failed
            .map((entry) => `${entry.FindingIdentifier?.Id}: ${entry.ErrorCode} ${entry.ErrorMessage}`)
            .join('; ');
          throw new CorrelatorUnavailableError(
            `Security Hub did not resolve ${failed.length} finding(s): ${list}`
          );
        }
      }
      return resolved;
    },
  };
}

/**
 * The SDK types the same ASFF JSON with closed enums (`Partition`, …) where Vigil's schema keeps strings;
 * the finding was built and validated against `AsffFindingSchema`, and Security Hub validates it again.
 */
function toSdkFinding(finding: AsffFinding): AwsSecurityFinding {
  return finding as unknown as AwsSecurityFinding;
}

async function call<T>(operation: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (isRetryable(error))
      throw new CorrelatorUnavailableError(`Security Hub ${operation} failed`, { cause: error });
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new FindingRejectedError(`Security Hub ${operation} refused the request: ${message}`, {
      cause: error,
    });
  }
}
