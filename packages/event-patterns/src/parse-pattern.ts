// Validates a raw pattern (parsed JSON) and builds the pattern tree. Rules follow AWS EventBridge:
// a pattern is a non-empty object; each key maps to a nested object or a non-empty array of values;
// `$or` takes an array of at least two objects, and operator names cannot be field names inside it.
import { describeValue, isJsonObject } from './describe-value';
import { InvalidPatternError } from './errors';
import { OPERATORS, parseLeafTest } from './parse-leaf';
import type { FieldNode, LeafNode, LeafTest, ObjectNode } from './pattern-ast';

const OR_KEY = '$or';

/**
 * Validates `pattern` and returns its tree. Throws {@link InvalidPatternError} naming the path and reason.
 *
 * @example
 * ```ts
 * const tree = parsePattern({ source: ['aws.s3'], detail: { eventName: [{ prefix: 'Delete' }] } });
 * tree.fields.map((field) => field.key); // ['source', 'detail']
 * ```
 */
export function parsePattern(pattern: unknown): ObjectNode {
  if (!isJsonObject(pattern)) {
    throw new InvalidPatternError('', `a pattern must be a JSON object, got ${describeValue(pattern)}`);
  }
  return parseObject(pattern, '', false);
}

function joinPath(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

function parseObject(raw: Record<string, unknown>, path: string, insideOr: boolean): ObjectNode {
  const keys = Object.keys(raw);
  if (keys.length === 0) throw new InvalidPatternError(path, 'empty objects are not allowed');
  const fields: FieldNode[] = [];
  let or: ObjectNode[] | undefined;
  for (const key of keys) {
    const value = raw[key];
    const fieldPath = joinPath(path, key);
    if (key === OR_KEY) {
      or = parseOr(value, fieldPath);
      continue;
    }
    if (insideOr && OPERATORS.has(key)) {
      throw new InvalidPatternError(
        fieldPath,
        `"${key}" is an operator name and cannot be a field name inside "$or"; put it in a value array`
      );
    }
    if (Array.isArray(value)) {
      fields.push({ key, path: fieldPath, body: parseLeaf(value, fieldPath) });
    } else if (isJsonObject(value)) {
      fields.push({ key, path: fieldPath, body: parseObject(value, fieldPath, insideOr) });
    } else {
      throw new InvalidPatternError(
        fieldPath,
        `must be an object or an array of values, got ${describeValue(value)} (write ${JSON.stringify([value])})`
      );
    }
  }
  return { kind: 'object', fields, or };
}

function parseOr(value: unknown, path: string): ObjectNode[] {
  if (!Array.isArray(value) || value.length < 2) {
    throw new InvalidPatternError(
      path,
      `"$or" must be an array of at least 2 objects, got ${describeValue(value)}`
    );
  }
  return value.map((branch, index) => {
    const branchPath = `${path}[${index}]`;
    if (!isJsonObject(branch)) {
      throw new InvalidPatternError(
        branchPath,
        `"$or" branches must be objects, got ${describeValue(branch)}`
      );
    }
    return parseObject(branch, branchPath, true);
  });
}

function parseLeaf(values: unknown[], path: string): LeafNode {
  if (values.length === 0) throw new InvalidPatternError(path, 'empty arrays are not allowed');
  const tests: LeafTest[] = values.map((value) => parseLeafTest(value, path));
  return { kind: 'leaf', tests };
}
