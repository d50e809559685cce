// One `field|modifier|...: value(s)` entry of a Sigma selection → a condition on that field.
import type { RuleCondition } from '../rule';
import {
  type CompiledValue,
  compileCidrValue,
  compileNullValue,
  compileNumericValue,
  compileRegexValue,
  compileStringValue,
  nestPattern,
  type StringMode,
} from './compile-sigma-value';
import { UnsupportedSigmaRuleError } from './errors';

const SUPPORTED = new Set([
  'contains',
  'startswith',
  'endswith',
  'all',
  're',
  'i',
  'm',
  's',
  'cidr',
  'exists',
  'cased',
  'gt',
  'gte',
  'lt',
  'lte',
]);
const UNSUPPORTED: Record<string, string> = {
  fieldref: 'compares two fields of the same record',
  base64: 'encodes the value (Windows/process logs)',
  base64offset: 'encodes the value (Windows/process logs)',
  wide: 'encodes the value as UTF-16',
  utf16: 'encodes the value as UTF-16',
  utf16le: 'encodes the value as UTF-16',
  utf16be: 'encodes the value as UTF-16',
  windash: 'expands Windows command-line dashes',
  expand: 'needs placeholder values from a pipeline',
};
const STRING_MODES = ['contains', 'startswith', 'endswith'] as const;
const NUMERIC = ['gt', 'gte', 'lt', 'lte'] as const;
const FIELD_PATH = /^[^.\s|]+(\.[^.\s|]+)*$/;
// CloudTrail fields whose value is an object or a list of objects: a SIEM may match their JSON text, but
// Vigil matches leaf values (like EventBridge), so a test on the object itself could never match.
const OBJECT_FIELDS = new Set([
  'userIdentity',
  'userIdentity.sessionContext',
  'userIdentity.sessionContext.attributes',
  'userIdentity.sessionContext.sessionIssuer',
  'userIdentity.sessionContext.webIdFederationData',
  'userIdentity.onBehalfOf',
  'requestParameters',
  'responseElements',
  'additionalEventData',
  'serviceEventDetails',
  'tlsDetails',
  'resources',
  'insightDetails',
  'edgeDeviceDetails',
]);

interface FieldSpec {
  field: string;
  modifiers: Set<string>;
}

function parseFieldSpec(key: string): FieldSpec {
  const [field = '', ...modifiers] = key.split('|');
  if (field === '') {
    throw new UnsupportedSigmaRuleError(`keyword search "${key}" (a value without a field) is not supported`);
  }
  if (!FIELD_PATH.test(field)) {
    throw new UnsupportedSigmaRuleError(`field "${field}" is not a dotted CloudTrail path`);
  }
  for (const modifier of modifiers) {
    const why = UNSUPPORTED[modifier];
    if (why !== undefined) {
      throw new UnsupportedSigmaRuleError(`modifier "${modifier}" on ${field} is not supported (it ${why})`);
    }
    if (!SUPPORTED.has(modifier)) {
      throw new UnsupportedSigmaRuleError(`unknown modifier "${modifier}" on ${field}`);
    }
  }
  return { field, modifiers: new Set(modifiers) };
}

function checkCombination({ field, modifiers }: FieldSpec): void {
  const has = (names: readonly string[]): string[] => names.filter((name) => modifiers.has(name));
  const kinds = [
    ...has(STRING_MODES),
    ...has(['re', 'cidr', 'exists']),
    ...(has(NUMERIC).length > 0 ? ['numeric'] : []),
  ];
  if (kinds.length > 1 || has(NUMERIC).length > 1) {
    throw new UnsupportedSigmaRuleError(
      `modifiers ${[...modifiers].join('|')} on ${field} cannot be combined`
    );
  }
  const regexFlags = has(['i', 'm', 's']);
  if (regexFlags.length > 0 && !modifiers.has('re')) {
    throw new UnsupportedSigmaRuleError(`modifier "${regexFlags[0]}" on ${field} only applies to "re"`);
  }
  if (modifiers.has('cased') && kinds.length > 0 && has(STRING_MODES).length === 0) {
    throw new UnsupportedSigmaRuleError(`modifier "cased" on ${field} only applies to string matching`);
  }
}

function compileOneValue({ field, modifiers }: FieldSpec, value: unknown): CompiledValue {
  // EventBridge operators (exists included) only see leaf values: an object would read as "absent".
  if (OBJECT_FIELDS.has(field)) {
    throw new UnsupportedSigmaRuleError(
      `field "${field}" holds an object in CloudTrail records; matching the object itself (its JSON text, exists, null) is not supported`
    );
  }
  if (modifiers.has('exists')) {
    if (typeof value !== 'boolean') {
      throw new UnsupportedSigmaRuleError(
        `${field}|exists: expected true or false, got ${JSON.stringify(value)}`
      );
    }
    return { matchers: [{ exists: value }] };
  }
  if (value === null) {
    if (modifiers.size > 0 && !modifiers.has('all')) {
      throw new UnsupportedSigmaRuleError(`${field}: null cannot be used with ${[...modifiers].join('|')}`);
    }
    return compileNullValue(field);
  }
  if (modifiers.has('re')) {
    const flags = ['i', 'm', 's'].filter((flag) => modifiers.has(flag)).join('');
    return compileRegexValue(field, value, flags);
  }
  if (modifiers.has('cidr')) {
    return compileCidrValue(field, value);
  }
  const numeric = NUMERIC.find((name) => modifiers.has(name));
  if (numeric !== undefined) {
    return compileNumericValue(field, value, numeric);
  }
  if (typeof value === 'object') {
    throw new UnsupportedSigmaRuleError(
      `${field}: nested values (${JSON.stringify(value)}) are not supported`
    );
  }
  const mode: StringMode = STRING_MODES.find((name) => modifiers.has(name)) ?? 'equals';
  return compileStringValue(field, value, { mode, cased: modifiers.has('cased') });
}

/** OR of the compiled values: EventBridge matchers share one value list, the rest join an `any`. */
function combineAny(field: string, compiled: CompiledValue[]): RuleCondition {
  const matchers = compiled.flatMap((item) => ('matchers' in item ? item.matchers : []));
  const conditions = compiled.flatMap((item) => ('condition' in item ? [item.condition] : []));
  const branches: RuleCondition[] = [
    ...(matchers.length > 0 ? [{ pattern: nestPattern(field, matchers) }] : []),
    ...conditions,
  ];
  return branches.length === 1 && branches[0] !== undefined ? branches[0] : { any: branches };
}

function toCondition(field: string, item: CompiledValue): RuleCondition {
  return 'condition' in item ? item.condition : { pattern: nestPattern(field, item.matchers) };
}

/** Compiles `key: value` of a selection map, where `key` is `field` or `field|mod|mod`. */
export function compileSigmaField(key: string, value: unknown): RuleCondition {
  const spec = parseFieldSpec(key);
  checkCombination(spec);
  const values = Array.isArray(value) ? value : [value];
  if (values.length === 0) {
    throw new UnsupportedSigmaRuleError(`${spec.field}: an empty value list matches nothing`);
  }
  const compiled = values.map((item) => compileOneValue(spec, item));
  if (spec.modifiers.has('all') && compiled.length > 1) {
    return { all: compiled.map((item) => toCondition(spec.field, item)) };
  }
  return combineAny(spec.field, compiled);
}
