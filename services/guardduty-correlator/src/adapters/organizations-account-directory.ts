import {
  DescribeAccountCommand,
  DescribeOrganizationalUnitCommand,
  ListParentsCommand,
  ListTagsForResourceCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { logger } from '@vigil/lambda-kit';
import { type AccountMetadata, securityContactOf } from '../core/account-metadata';
import type { AccountDirectory, CorrelatorMetrics } from '../core/ports';

export type OrganizationsDirectoryOptions = {
  /** How long an answer is reused in a warm Lambda (a degraded one for a tenth of it, at least a minute). */
  cacheSeconds: number;
  metrics?: CorrelatorMetrics | undefined;
  now?: (() => number) | undefined;
};

/**
 * Account metadata from AWS Organizations (the seed's enrichment: name, OU, tags; the security contact from
 * a `security-contact` tag), cached per account. It never fails a correlation: when Organizations refuses
 * (AccessDenied, not an organization, not the management or delegated account) or is unreachable, it answers
 * the account id alone with `isComplete: false` and counts `EnrichmentDegraded`.
 */
export function createOrganizationsAccountDirectory(
  client: OrganizationsClient,
  options: OrganizationsDirectoryOptions
): AccountDirectory {
  const now = options.now ?? Date.now;
  const cache = new Map<string, { value: AccountMetadata; until: number }>();
  return {
    async describe(accountId) {
      const cached = cache.get(accountId);
      if (cached !== undefined && cached.until > now()) return cached.value;
      let value: AccountMetadata;
      let ttlSeconds = options.cacheSeconds;
      try {
        value = await lookUp(client, accountId);
      } catch (error) {
        const name = error instanceof Error ? error.name : 'Error';
        logger.warn('account metadata unavailable; correlating without it', { accountId, error: name });
        options.metrics?.count('EnrichmentDegraded');
        value = { accountId, tags: {}, isComplete: false };
        ttlSeconds = Math.max(60, Math.floor(options.cacheSeconds / 10));
      }
      cache.set(accountId, { value, until: now() + ttlSeconds * 1000 });
      return value;
    },
  };
}

async function lookUp(client: OrganizationsClient, accountId: string): Promise<AccountMetadata> {
  const { Account } = await client.send(new DescribeAccountCommand({ AccountId: accountId }));
  const { Parents } = await client.send(new ListParentsCommand({ ChildId: accountId }));
  const parent = Parents?.[0];
  let ouName: string | undefined;
  if (parent?.Type === 'ORGANIZATIONAL_UNIT' && parent.Id) {
    const { OrganizationalUnit } = await client.send(
      new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: parent.Id })
    );
    ouName = OrganizationalUnit?.Name;
  } else if (parent?.Type === 'ROOT') {
    ouName = 'ROOT';
  }
  const tags: Record<string, string> = {};
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new ListTagsForResourceCommand({ ResourceId: accountId, NextToken: nextToken })
    );
    for (const tag of page.Tags ?? []) if (tag.Key) tags[tag.Key] = tag.Value ?? '';
    nextToken = page.NextToken || undefined;
  } while (nextToken !== undefined);
  return {
    accountId,
    name: Account?.Name,
    email: Account?.Email,
    ouName,
    ouId: parent?.Id,
    securityContact: securityContactOf(tags),
    tags,
    isComplete: true,
  };
}

/** For `ENRICHMENT=none`: account ids only, no calls. */
export const noAccountDirectory: AccountDirectory = {
  describe: async (accountId) => ({ accountId, tags: {}, isComplete: false }),
};
