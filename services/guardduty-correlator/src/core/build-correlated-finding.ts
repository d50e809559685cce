import type { AsffFinding, AsffRelatedFinding, AsffResource } from '@vigil/event-schema';
import { type AccountMetadata, securityContactOf } from './account-metadata';
import type { CorrelationMember, CorrelationRecord } from './correlation-record';
import type { CorrelationRule } from './correlation-rule';
import { formatDuration } from './duration';
import { CORRELATOR_GENERATOR_PREFIX } from './normalise-finding';
import { toIso } from './parse-timestamp';
import { defaultProductArn } from './vigil-alert-to-asff';

/** ASFF limits the builder respects (AWS Security Finding Format reference). */
export const ASFF_LIMITS = {
  relatedFindings: 10,
  userDefinedFields: 50,
  noteText: 512,
  description: 1024,
  title: 256,
  remediationText: 512,
} as const;

/** Where Vigil runs: correlated findings are imported into this account's default product. */
export type ProductScope = { accountId: string; region: string; partition: string };

export type CorrelatedFindingInput = {
  rule: CorrelationRule;
  record: CorrelationRecord;
  resource: AsffResource;
  /** Observation span of the members (first seen, last seen). */
  firstSeenMs: number;
  lastSeenMs: number;
  /** The account the resource lives in, and what Organizations says about it (undefined: not looked up). */
  resourceAccountId: string;
  account?: AccountMetadata | undefined;
  product: ProductScope;
  now: number;
};

/**
 * The correlated ASFF finding: CRITICAL through `FindingProviderFields` (how a provider sets severity and
 * types so later imports can update them), the deterministic `Id` of the record, the resource, remediation,
 * `RelatedFindings` (ASFF allows 10: one per signal first, then the rest; `ProductFields` count them all),
 * and account enrichment in `Note` and `UserDefinedFields` (the seed's enrichment fields). `AwsAccountId` is
 * Vigil's account: BatchImportFindings requires it to be the caller's for the default product.
 */
export function buildCorrelatedFinding(input: CorrelatedFindingInput): AsffFinding {
  const { rule, record, product, now } = input;
  const related = relatedFindings(record.members);
  const nowIso = toIso(now);
  return {
    SchemaVersion: '2018-10-08',
    Id: record.correlationId,
    ProductArn: defaultProductArn(product.region, product.accountId, product.partition),
    ProductName: 'Vigil',
    CompanyName: 'Vigil',
    GeneratorId: `${CORRELATOR_GENERATOR_PREFIX}${rule.id}`,
    AwsAccountId: product.accountId,
    Region: product.region,
    Types: rule.types,
    CreatedAt: record.createdAt,
    UpdatedAt: nowIso,
    FirstObservedAt: toIso(input.firstSeenMs),
    LastObservedAt: toIso(input.lastSeenMs),
    Severity: { Label: 'CRITICAL', Original: 'CRITICAL' },
    FindingProviderFields: {
      Severity: { Label: 'CRITICAL', Original: 'CRITICAL' },
      Types: rule.types,
      RelatedFindings: related,
    },
    Title: cut(rule.title, ASFF_LIMITS.title),
    Description: cut(`${rule.description.trim()} ${summarise(record.members)}`, ASFF_LIMITS.description),
    Remediation: {
      Recommendation: {
        Text: cut(rule.remediation.text.trim(), ASFF_LIMITS.remediationText),
        ...(rule.remediation.url ? { Url: rule.remediation.url } : {}),
      },
    },
    Resources: [input.resource],
    RelatedFindings: related,
    ProductFields: {
      'vigil/ruleId': rule.id,
      'vigil/resourceKey': record.resourceKey,
      'vigil/window': formatDuration(rule.window),
      'vigil/memberCount': String(record.members.length),
      'vigil/relatedFindingsOmitted': String(record.members.length - related.length),
      'vigil/version': String(record.version),
    },
    Note: {
      Text: cut(noteText(input), ASFF_LIMITS.noteText),
      UpdatedBy: 'vigil-correlator',
      UpdatedAt: nowIso,
    },
    UserDefinedFields: userDefinedFields(input),
    RecordState: 'ACTIVE',
  };
}

function relatedFindings(members: readonly CorrelationMember[]): AsffRelatedFinding[] {
  const chosen: CorrelationMember[] = [];
  const covered = new Set<string>();
  for (const member of members) {
    if (member.signals.some((signal) => !covered.has(signal))) {
      chosen.push(member);
      for (const signal of member.signals) covered.add(signal);
    }
  }
  for (const member of members) {
    if (chosen.length >= ASFF_LIMITS.relatedFindings) break;
    if (!chosen.includes(member)) chosen.push(member);
  }
  return chosen
    .slice(0, ASFF_LIMITS.relatedFindings)
    .map((member) => ({ ProductArn: member.productArn, Id: member.findingId }));
}

function summarise(members: readonly CorrelationMember[]): string {
  const byProduct = new Map<string, number>();
  for (const member of members) {
    const product = member.productKey.split('/').pop() ?? member.productKey;
    byProduct.set(product, (byProduct.get(product) ?? 0) + 1);
  }
  const counts = [...byProduct].map(([product, count]) => `${count} ${product}`).join(', ');
  return `Correlated ${members.length} findings (${counts}): ${members.map((member) => member.title).join('; ')}`;
}

function noteText(input: CorrelatedFindingInput): string {
  const account = input.account;
  const parts = [`Account ${input.resourceAccountId}${account?.name ? ` (${account.name})` : ''}`];
  if (account?.ouName) parts.push(`OU ${account.ouName}`);
  const contact = account?.securityContact ?? securityContactOf(account?.tags ?? {});
  if (contact) parts.push(`security contact ${contact}`);
  const tags = Object.entries(account?.tags ?? {}).map(([key, value]) => `${key}=${value}`);
  if (tags.length > 0) parts.push(`tags ${tags.join(', ')}`);
  if (account !== undefined && !account.isComplete) parts.push('account metadata unavailable');
  return `${parts.join('; ')}. Vigil rule ${input.rule.id} correlated ${input.record.members.length} findings on ${input.record.resourceKey}.`;
}

function userDefinedFields(input: CorrelatedFindingInput): Record<string, string> {
  const account = input.account;
  const fields: Record<string, string> = {
    findingEnriched: String(account?.isComplete === true),
    vigilRuleId: input.rule.id,
    vigilResourceKey: input.record.resourceKey,
    resourceAccountId: input.resourceAccountId,
  };
  if (account?.name) fields.accountName = account.name;
  if (account?.ouName) fields.accountOu = account.ouName;
  const contact = account?.securityContact ?? securityContactOf(account?.tags ?? {});
  if (contact) fields.securityContact = contact;
  for (const [key, value] of Object.entries(account?.tags ?? {})) {
    if (Object.keys(fields).length >= ASFF_LIMITS.userDefinedFields) break;
    fields[cut(`tag:${key}`, 128)] = cut(value || '-', 1024);
  }
  return fields;
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
