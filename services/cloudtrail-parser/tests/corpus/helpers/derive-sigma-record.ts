// Builds a CloudTrail record that a Sigma rule's detection should match, from the Sigma source (not from
// the compiled rule): string values get their wildcards filled and their case swapped (Sigma matching is
// case-insensitive), modifiers get text around the value, null/exists-false fields are left out.
import { parseSigmaCondition, type SigmaConditionNode } from '../../../src/core/sigma/parse-sigma-condition';
import type { CloudTrailRecord } from './scan-records';

const REMOVE = Symbol('remove');
type Derived = unknown;

function swapCase(text: string): string {
  return [...text]
    .map((char) => (char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase()))
    .join('');
}

function fillWildcards(value: string): string {
  return value.replace(/\\([*?\\])|\*|\?/g, (match, escaped: string | undefined) => {
    if (escaped !== undefined) {
      return escaped;
    }
    return match === '*' ? 'x' : 'y';
  });
}

function deriveOne(value: unknown, modifiers: string[]): Derived | undefined {
  if (modifiers.includes('re')) {
    return undefined; // a regex has no generic sample
  }
  if (modifiers.includes('exists')) {
    return value === true ? 'present' : REMOVE;
  }
  if (value === null) {
    return REMOVE;
  }
  if (modifiers.includes('cidr') && typeof value === 'string') {
    return value.split('/')[0];
  }
  if (typeof value !== 'string') {
    return value;
  }
  const text = modifiers.includes('cased') ? fillWildcards(value) : swapCase(fillWildcards(value));
  if (modifiers.includes('contains')) {
    return `pre ${text} post`;
  }
  if (modifiers.includes('startswith')) {
    return `${text} post`;
  }
  return modifiers.includes('endswith') ? `pre ${text}` : text;
}

function deriveField(key: string, value: unknown): { field: string; value: Derived } | undefined {
  const [field = '', ...modifiers] = key.split('|');
  const values = Array.isArray(value) ? value : [value];
  if (modifiers.includes('all') && values.length > 1) {
    const parts = values.map((item) => deriveOne(item, modifiers));
    if (parts.some((part) => typeof part !== 'string')) {
      return undefined;
    }
    return { field, value: parts.join(' ') };
  }
  const derived = deriveOne(values[0], modifiers);
  return derived === undefined ? undefined : { field, value: derived };
}

function setPath(record: CloudTrailRecord, field: string, value: Derived): void {
  const keys = field.split('.');
  let target: Record<string, unknown> = record;
  for (const key of keys.slice(0, -1)) {
    const next = target[key];
    target[key] = typeof next === 'object' && next !== null && !Array.isArray(next) ? next : {};
    target = target[key] as Record<string, unknown>;
  }
  const last = keys.at(-1) ?? '';
  if (value === REMOVE) {
    delete target[last];
  } else {
    target[last] = value;
  }
}

/** The selections a record must satisfy for the condition to hold, taking the first branch of every OR. */
function positiveSelections(node: SigmaConditionNode, names: string[]): string[] {
  switch (node.kind) {
    case 'and':
      return node.operands.flatMap((operand) => positiveSelections(operand, names));
    case 'or':
      return node.operands[0] === undefined ? [] : positiveSelections(node.operands[0], names);
    case 'not':
      return [];
    case 'selection':
      return [node.name];
    case 'of': {
      const pattern = new RegExp(`^${node.target.replace(/\*/g, '.*')}$`);
      const matched = names.filter((name) =>
        node.target === 'them' ? !name.startsWith('_') : pattern.test(name)
      );
      return node.quantifier === 'all' ? matched : matched.slice(0, 1);
    }
  }
}

/** A record for the detection, or undefined when a value cannot be derived (e.g. a `|re` field). */
export function deriveSigmaRecord(
  detection: Record<string, unknown>,
  base: CloudTrailRecord
): CloudTrailRecord | undefined {
  const { condition, ...selections } = detection;
  const text = Array.isArray(condition) ? condition[0] : condition;
  if (typeof text !== 'string') {
    return undefined;
  }
  const record: CloudTrailRecord = structuredClone(base);
  for (const name of positiveSelections(parseSigmaCondition(text), Object.keys(selections))) {
    const body = selections[name];
    const map = Array.isArray(body) ? body[0] : body;
    if (typeof map !== 'object' || map === null) {
      return undefined;
    }
    for (const [key, value] of Object.entries(map)) {
      const derived = deriveField(key, value);
      if (derived === undefined) {
        return undefined;
      }
      setPath(record, derived.field, derived.value);
    }
  }
  return record;
}
