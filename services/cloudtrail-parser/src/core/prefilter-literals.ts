import { patternLiterals } from '@vigil/event-patterns';
import type { Rule, RuleCondition } from './rule';

/**
 * A string that must appear in a record's raw JSON text for a rule to match: a whole string token
 * (`exact`, e.g. the value `ConsoleLogin` or the key `errorCode`), the start of one (`prefix`), or any run
 * of bytes (`substring`). A substring with a `field` must occur in the string value of a key named
 * `field` (the last segment of the pattern's path; a non-string value counts as a hit), so the scanner
 * searches one value per record instead of every byte. Only sound for text without backslashes (escapes
 * could hide a literal).
 */
export interface PrefilterLiteral {
  kind: 'exact' | 'prefix' | 'substring';
  text: string;
  field?: string | undefined;
}

/** Literals one of which must appear, or `undefined` when the rule cannot be prefiltered (parse everything). */
export type LiteralSet = PrefilterLiteral[] | undefined;

// `patternLiterals` of @vigil/event-patterns gives raw substrings with their JSON quotes: `"v"` is a
// whole token, `"p` the start of one. Token form lets the scanner test each string once, in O(1).
function toPrefilterLiteral(raw: string): PrefilterLiteral {
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) {
    return { kind: 'exact', text: raw.slice(1, -1) };
  }
  if (raw.startsWith('"') && !raw.includes('"', 1)) {
    return { kind: 'prefix', text: raw.slice(1) };
  }
  return { kind: 'substring', text: raw };
}

function rank(literals: PrefilterLiteral[]): number {
  return -estimatePassRate(literals, '');
}

const MIN_SUBSTRING_LENGTH = 4;

// Values of these fields are shared by most records: literals from them filter almost nothing.
const COMMON_FIELDS = new Set([
  'eventSource',
  'awsRegion',
  'eventType',
  'eventCategory',
  'eventVersion',
  'readOnly',
  'managementEvent',
  'recipientAccountId',
  'userIdentity.accountId',
  'userIdentity.invokedBy',
]);

// Keys found in nearly every record: as a field-name literal they filter nothing.
const UBIQUITOUS_KEYS = new Set([
  'eventVersion',
  'userIdentity',
  'type',
  'principalId',
  'arn',
  'accountId',
  'accessKeyId',
  'userName',
  'sessionContext',
  'sessionIssuer',
  'attributes',
  'creationDate',
  'mfaAuthenticated',
  'webIdFederationData',
  'invokedBy',
  'eventTime',
  'eventSource',
  'eventName',
  'awsRegion',
  'sourceIPAddress',
  'userAgent',
  'requestParameters',
  'responseElements',
  'additionalEventData',
  'requestID',
  'eventID',
  'readOnly',
  'eventType',
  'managementEvent',
  'recipientAccountId',
  'eventCategory',
  'resources',
  'ARN',
  'tlsDetails',
  'sharedEventID',
  'vpcEndpointId',
  'errorCode',
  'errorMessage',
  'bucketName',
  'Host',
  'key',
]);

// The highest-volume API calls and identity types (S3 data events, STS, KMS, logs): an exact literal on one of these
// lets most records through, so another field of the pattern is usually better.
const HIGH_VOLUME_VALUES = new Set([
  'GetObject',
  'PutObject',
  'HeadObject',
  'CopyObject',
  'DeleteObject',
  'ListObjects',
  'ListObjectsV2',
  'CreateMultipartUpload',
  'UploadPart',
  'CompleteMultipartUpload',
  'AssumeRole',
  'GetCallerIdentity',
  'Decrypt',
  'Encrypt',
  'GenerateDataKey',
  'PutMetricData',
  'CreateLogStream',
  'AssumedRole',
  'IAMUser',
  'AWSService',
]);

/** Rough share of records a literal set lets through (lower is better); only used to pick a field. */
function estimatePassRate(literals: PrefilterLiteral[], path: string): number {
  const leafKey = path.split('.').pop() ?? path;
  return literals.reduce((sum, literal) => {
    if (literal.kind === 'exact' && literal.text === leafKey) {
      return sum + (UBIQUITOUS_KEYS.has(leafKey) ? 2 : 0.05); // a field name: present whenever the field is
    }
    if (literal.kind === 'exact' && HIGH_VOLUME_VALUES.has(literal.text)) return sum + 0.2;
    const base = COMMON_FIELDS.has(path) ? 0.5 : literal.kind === 'exact' ? 0.01 : 0.03;
    // Short literals hit often; among equals, the longer one is usually the rarer.
    return sum + base * (literal.text.length < 6 ? 3 : 1) * (1 - Math.min(literal.text.length, 40) / 100);
  }, 0);
}

// A wildcard or suffix value appears verbatim in backslash-free text: its longest plain run is a literal.
function substringOf(matcher: unknown): string | undefined {
  if (typeof matcher !== 'object' || matcher === null || Array.isArray(matcher)) return undefined;
  const entries = Object.entries(matcher);
  const [operator, operand] = entries[0] ?? [];
  if (
    entries.length !== 1 ||
    typeof operand !== 'string' ||
    operand.includes('\\') ||
    operand.includes('"')
  ) {
    return undefined;
  }
  if (operator === 'suffix') return operand;
  if (operator !== 'wildcard') return undefined;
  return operand.split('*').reduce((best, part) => (part.length > best.length ? part : best), '');
}

// Wildcard and suffix tests only match a string value of the field itself (EventBridge never matches
// them against objects or other keys), so the literal is bound to the field's last key.
function wildcardLiterals(values: unknown, path: string): LiteralSet {
  if (!Array.isArray(values) || values.length === 0) return undefined;
  const texts = values.map(substringOf);
  if (texts.some((text) => text === undefined || text.length < MIN_SUBSTRING_LENGTH)) return undefined;
  const field = path.split('.').pop();
  return texts.map((text) => ({ kind: 'substring', text: text ?? '', field }));
}

interface FieldPattern {
  path: string;
  /** The pattern restricted to this one field (or one `$or`): any record the whole pattern matches, it matches. */
  pattern: Record<string, unknown>;
  values: unknown;
}

function splitFields(pattern: Record<string, unknown>, prefix: string[] = []): FieldPattern[] {
  const wrap = (inner: Record<string, unknown>): Record<string, unknown> =>
    prefix.reduceRight<Record<string, unknown>>((acc, key) => ({ [key]: acc }), inner);
  const fields: FieldPattern[] = [];
  for (const [key, value] of Object.entries(pattern)) {
    if (key !== '$or' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      fields.push(...splitFields(value as Record<string, unknown>, [...prefix, key]));
    } else {
      fields.push({ path: [...prefix, key].join('.'), pattern: wrap({ [key]: value }), values: value });
    }
  }
  return fields;
}

/**
 * Literals one of which appears in the raw text of every record the pattern matches. A pattern is an AND
 * of its fields, so one field's literals suffice: `patternLiterals` of @vigil/event-patterns is asked per
 * field and the field letting the fewest records through is kept (an event name beats `eventSource`, a
 * wildcard's text beats its field name).
 */
export function patternPrefilterLiterals(pattern: Record<string, unknown>): LiteralSet {
  let best: { literals: PrefilterLiteral[]; rate: number } | undefined;
  const consider = (literals: LiteralSet, path: string): void => {
    if (
      literals === undefined ||
      literals.length === 0 ||
      literals.some((literal) => literal.text.length === 0)
    )
      return;
    const rate = estimatePassRate(literals, path);
    if (best === undefined || rate < best.rate) best = { literals, rate };
  };
  for (const field of splitFields(pattern)) {
    consider(patternLiterals(field.pattern)?.map(toPrefilterLiteral), field.path);
    consider(wildcardLiterals(field.values, field.path), field.path);
  }
  return best?.literals;
}

/**
 * Literals for a rule condition: `all` needs only one of its parts (the most selective is used), `any`
 * needs every branch to give literals and offers their union; `not` and regex leaves give none.
 */
export function conditionLiterals(condition: RuleCondition): LiteralSet {
  if ('pattern' in condition) {
    return patternPrefilterLiterals(condition.pattern);
  }
  if ('all' in condition) {
    let best: PrefilterLiteral[] | undefined;
    for (const part of condition.all) {
      const literals = conditionLiterals(part);
      if (literals !== undefined && (best === undefined || rank(literals) > rank(best))) {
        best = literals;
      }
    }
    return best;
  }
  if ('any' in condition) {
    const union: PrefilterLiteral[] = [];
    for (const branch of condition.any) {
      const literals = conditionLiterals(branch);
      if (literals === undefined) {
        return undefined;
      }
      union.push(...literals);
    }
    return union;
  }
  return undefined;
}

/** The literals that gate a rule (its pattern or its condition). */
export function ruleLiterals(rule: Pick<Rule, 'pattern' | 'condition'>): LiteralSet {
  if (rule.pattern !== undefined) {
    return patternPrefilterLiterals(rule.pattern);
  }
  return rule.condition === undefined ? undefined : conditionLiterals(rule.condition);
}
