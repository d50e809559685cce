import { z } from 'zod';
import { SecurityHubApiError } from './errors';

export const StringFilterSchema = z.object({
  Value: z.string(),
  Comparison: z.enum(['EQUALS', 'PREFIX', 'NOT_EQUALS', 'PREFIX_NOT_EQUALS', 'CONTAINS', 'NOT_CONTAINS']),
});
export type StringFilter = z.infer<typeof StringFilterSchema>;

type Finding = Record<string, unknown>;
type Extractor = (finding: Finding) => string[];

function field(...path: string[]): Extractor {
  return (finding) => {
    let value: unknown = finding;
    for (const key of path)
      value = typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
    return typeof value === 'string' ? [value] : [];
  };
}

function resourceField(key: string): Extractor {
  return (finding) =>
    Array.isArray(finding.Resources)
      ? finding.Resources.map((resource) =>
          typeof resource === 'object' && resource ? Reflect.get(resource, key) : undefined
        ).filter((value): value is string => typeof value === 'string')
      : [];
}

/** The GetFindings string filters the recorder evaluates, with where each reads the finding. */
const STRING_FIELDS: Record<string, Extractor> = {
  Id: field('Id'),
  ProductArn: field('ProductArn'),
  GeneratorId: field('GeneratorId'),
  AwsAccountId: field('AwsAccountId'),
  Title: field('Title'),
  Description: field('Description'),
  ProductName: field('ProductName'),
  CompanyName: field('CompanyName'),
  Region: field('Region'),
  RecordState: field('RecordState'),
  WorkflowStatus: field('Workflow', 'Status'),
  WorkflowState: field('WorkflowState'),
  SeverityLabel: field('Severity', 'Label'),
  ComplianceStatus: field('Compliance', 'Status'),
  VerificationState: field('VerificationState'),
  Type: (finding) =>
    Array.isArray(finding.Types) ? finding.Types.filter((t): t is string => typeof t === 'string') : [],
  ResourceId: resourceField('Id'),
  ResourceType: resourceField('Type'),
  ResourceRegion: resourceField('Region'),
  ResourcePartition: resourceField('Partition'),
};

/** A parsed `Filters` object: field name → its string filters. */
export type FindingFilters = Record<string, StringFilter[]>;

/**
 * Parses GetFindings `Filters`, answering InvalidInputException for a malformed filter or one the
 * recorder does not evaluate (numeric, date, map and IP filters are not supported locally).
 */
export function parseFindingFilters(filters: unknown): FindingFilters {
  if (filters === undefined) return {};
  if (typeof filters !== 'object' || filters === null)
    throw new SecurityHubApiError('InvalidInputException', 'Filters must be an object');
  const parsed: FindingFilters = {};
  for (const [name, list] of Object.entries(filters)) {
    if (!(name in STRING_FIELDS)) {
      throw new SecurityHubApiError(
        'InvalidInputException',
        `local-cloud does not support the finding filter '${name}'`
      );
    }
    const result = z.array(StringFilterSchema).max(20).safeParse(list);
    if (!result.success) {
      throw new SecurityHubApiError(
        'InvalidInputException',
        `Invalid filter '${name}': ${result.error.issues[0]?.message}`
      );
    }
    parsed[name] = result.data;
  }
  return parsed;
}

function compare(value: string, filter: StringFilter): boolean {
  switch (filter.Comparison) {
    case 'EQUALS':
    case 'NOT_EQUALS':
      return value === filter.Value;
    case 'PREFIX':
    case 'PREFIX_NOT_EQUALS':
      return value.startsWith(filter.Value);
    default:
      return value.includes(filter.Value);
  }
}

const NEGATIVE = new Set(['NOT_EQUALS', 'PREFIX_NOT_EQUALS', 'NOT_CONTAINS']);

/**
 * True when a finding passes every filtered field. Within one field, as Security Hub documents it,
 * positive comparisons (EQUALS, PREFIX, CONTAINS) are OR'ed and negative ones (NOT_EQUALS,
 * PREFIX_NOT_EQUALS, NOT_CONTAINS) are AND'ed; a multi-valued field (ResourceId) matches when any
 * value matches a positive filter and no value matches a negative one.
 *
 * @example
 * matchesFilters(finding, { SeverityLabel: [{ Value: 'HIGH', Comparison: 'EQUALS' }] });
 */
export function matchesFilters(finding: Finding, filters: FindingFilters): boolean {
  return Object.entries(filters).every(([name, list]) => {
    const values = STRING_FIELDS[name]?.(finding) ?? [];
    const positive = list.filter((filter) => !NEGATIVE.has(filter.Comparison));
    const negative = list.filter((filter) => NEGATIVE.has(filter.Comparison));
    const passesPositive =
      positive.length === 0 || positive.some((filter) => values.some((value) => compare(value, filter)));
    const passesNegative = negative.every((filter) => values.every((value) => !compare(value, filter)));
    return passesPositive && passesNegative;
  });
}
