// Compiles a pattern object into a closure over an event value. Arrays in the event are "crushed":
// an object pattern matches an array when any element matches, and every field of one branch is
// read from the same element (EventBridge's array-consistent matching). A value that is not an
// object is treated as an object with no fields, so `exists: false` below it still matches.
import { compileLeaf, type ValueMatcher } from './compile-leaf';
import type { FieldNode, ObjectNode } from './pattern-ast';

type Fields = Record<string, unknown> | undefined;
type BodyMatcher = (object: Fields) => boolean;

/** Compiles an object node into a matcher of any event value. */
export function compileObject(node: ObjectNode): ValueMatcher {
  const body = compileBody(node);
  const matchValue = (value: unknown): boolean => {
    if (typeof value === 'object' && value !== null) {
      if (!Array.isArray(value)) return body(value as Record<string, unknown>);
      if (value.length === 0) return body(undefined);
      for (const item of value) if (matchValue(item)) return true;
      return false;
    }
    return body(undefined);
  };
  return matchValue;
}

function compileBody(node: ObjectNode): BodyMatcher {
  const fields = node.fields.map(compileField);
  const branches = node.or?.map(compileBody);
  const matchFields = allOf(fields);
  if (branches === undefined) return matchFields;
  return (object) => {
    if (!matchFields(object)) return false;
    for (const branch of branches) if (branch(object)) return true;
    return false;
  };
}

function allOf(matchers: BodyMatcher[]): BodyMatcher {
  const [a, b, c] = matchers;
  if (matchers.length === 0 || a === undefined) return () => true;
  if (matchers.length === 1) return a;
  if (matchers.length === 2 && b !== undefined) return (object) => a(object) && b(object);
  if (matchers.length === 3 && b !== undefined && c !== undefined) {
    return (object) => a(object) && b(object) && c(object);
  }
  return (object) => {
    for (const matcher of matchers) if (!matcher(object)) return false;
    return true;
  };
}

function compileField(field: FieldNode): BodyMatcher {
  const matchValue = field.body.kind === 'leaf' ? compileLeaf(field.body) : compileObject(field.body);
  const read = fieldReader(field.key);
  return (object) => matchValue(object === undefined ? undefined : read(object));
}

/** Reads a field of an event object; only own properties count (`__proto__`, `constructor`…). */
export function fieldReader(key: string): (object: Record<string, unknown>) => unknown {
  if (key in Object.prototype) {
    return (object) => (Object.hasOwn(object, key) ? object[key] : undefined);
  }
  return (object) => object[key];
}
