/** The only ASFF schema version Security Hub accepts. */
export const ASFF_SCHEMA_VERSION = '2018-10-08';
/** Security Hub rejects a finding above 240 KB. */
export const MAX_FINDING_BYTES = 240 * 1024;
export const SEVERITY_LABELS = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
const TYPE_NAMESPACES = [
  'Software and Configuration Checks',
  'TTPs',
  'Effects',
  'Unusual Behaviors',
  'Sensitive Data Identifications',
];
const REQUIRED_STRINGS: [field: string, maxLength: number][] = [
  ['AwsAccountId', 12],
  ['CreatedAt', 64],
  ['Description', 1024],
  ['GeneratorId', 512],
  ['Id', 512],
  ['ProductArn', 512],
  ['SchemaVersion', 64],
  ['Title', 256],
  ['UpdatedAt', 64],
];
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/u;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Security Hub prefixes every schema error with this sentence. */
const PREFIX = 'Finding does not adhere to Amazon Finding Format.';

/**
 * Checks one finding of a BatchImportFindings call against the ASFF rules Security Hub enforces
 * (required attributes, Resources 1..32, severity, types, schema version, size) and returns the
 * `ErrorMessage` AWS gives in `FailedFindings` (code `InvalidInput`), or `undefined` when it is valid.
 *
 * @example
 * findAsffProblem({ ...finding, Title: undefined });
 * // "Finding does not adhere to Amazon Finding Format. data should have required property 'Title'."
 */
export function findAsffProblem(finding: unknown): string | undefined {
  if (!isObject(finding)) return `${PREFIX} data should be object.`;
  const problem = findSchemaProblem(finding);
  if (problem) return `${PREFIX} ${problem}.`;
  if (Buffer.byteLength(JSON.stringify(finding)) > MAX_FINDING_BYTES) {
    return 'Finding exceeds the maximum allowed size of 240 KB.';
  }
  return undefined;
}

function findSchemaProblem(finding: Json): string | undefined {
  for (const [field, maxLength] of REQUIRED_STRINGS) {
    const value = finding[field];
    if (value === undefined) return `data should have required property '${field}'`;
    if (typeof value !== 'string') return `data.${field} should be string`;
    if (!/\S/u.test(value)) return `data.${field} should match pattern ".*\\S.*"`;
    if (value.length > maxLength) return `data.${field} should NOT be longer than ${maxLength} characters`;
  }
  if (!/^\d{12}$/u.test(String(finding.AwsAccountId)))
    return 'data.AwsAccountId should match pattern "^\\d{12}$"';
  for (const field of ['CreatedAt', 'UpdatedAt', 'FirstObservedAt', 'LastObservedAt']) {
    const value = finding[field];
    if (value !== undefined && (typeof value !== 'string' || !ISO_TIMESTAMP.test(value))) {
      return `data.${field} should match format "date-time"`;
    }
  }
  if (finding.SchemaVersion !== ASFF_SCHEMA_VERSION)
    return 'data.SchemaVersion should be equal to one of the allowed values';
  return findResourcesProblem(finding.Resources) ?? findSeverityAndTypesProblem(finding);
}

function findResourcesProblem(resources: unknown): string | undefined {
  if (resources === undefined) return "data should have required property 'Resources'";
  if (!Array.isArray(resources)) return 'data.Resources should be array';
  if (resources.length < 1) return 'data.Resources should NOT have fewer than 1 items';
  if (resources.length > 32) return 'data.Resources should NOT have more than 32 items';
  for (const [index, resource] of resources.entries()) {
    if (!isObject(resource)) return `data.Resources[${index}] should be object`;
    for (const field of ['Type', 'Id']) {
      const value = resource[field];
      if (value === undefined) return `data.Resources[${index}] should have required property '${field}'`;
      if (typeof value !== 'string' || !/\S/u.test(value))
        return `data.Resources[${index}].${field} should be string`;
    }
  }
  return undefined;
}

function findSeverityAndTypesProblem(finding: Json): string | undefined {
  const provider = isObject(finding.FindingProviderFields) ? finding.FindingProviderFields : undefined;
  if (finding.Severity === undefined && provider?.Severity === undefined) {
    return "data should have required property 'FindingProviderFields', data should match some schema in anyOf";
  }
  const severityProblem =
    findSeverityProblem(finding.Severity, 'data.Severity') ??
    findSeverityProblem(provider?.Severity, 'data.FindingProviderFields.Severity');
  if (severityProblem) return severityProblem;
  if (finding.Types === undefined && provider?.Types === undefined) {
    return "data should have required property 'Types'";
  }
  return (
    findTypesProblem(finding.Types, 'data.Types') ??
    findTypesProblem(provider?.Types, 'data.FindingProviderFields.Types')
  );
}

function findSeverityProblem(severity: unknown, where: string): string | undefined {
  if (severity === undefined) return undefined;
  if (!isObject(severity)) return `${where} should be object`;
  const { Label, Normalized } = severity;
  if (Label === undefined && Normalized === undefined)
    return `${where} should have required property 'Label'`;
  if (Label !== undefined && !SEVERITY_LABELS.includes(Label as (typeof SEVERITY_LABELS)[number])) {
    return `${where}.Label should be equal to one of the allowed values`;
  }
  if (Normalized !== undefined && (typeof Normalized !== 'number' || Normalized < 0 || Normalized > 100)) {
    return `${where}.Normalized should be <= 100 and >= 0`;
  }
  return undefined;
}

function findTypesProblem(types: unknown, where: string): string | undefined {
  if (types === undefined) return undefined;
  if (!Array.isArray(types)) return `${where} should be array`;
  if (types.length < 1) return `${where} should NOT have fewer than 1 items`;
  if (types.length > 50) return `${where} should NOT have more than 50 items`;
  for (const [index, type] of types.entries()) {
    if (typeof type !== 'string') return `${where}[${index}] should be string`;
    const parts = type.split('/');
    if (parts.length > 3 || !TYPE_NAMESPACES.includes(parts[0] ?? '')) {
      return `${where}[${index}] should match "namespace/category/classifier" with a known namespace`;
    }
  }
  return undefined;
}
