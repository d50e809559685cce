// Turns a field's value list into one closure over the event value found at that field. Tests are
// grouped by the JSON type they can match, so a string value never runs numeric tests and exact
// values are a Set lookup (or a single ===).
import { cidrContains } from './cidr';
import type { AnythingButTest, LeafNode, LeafTest } from './pattern-ast';
import { matchWildcard } from './wildcard';

/** Tests one event value (whatever is at the field: scalar, array, object or undefined). */
export type ValueMatcher = (value: unknown) => boolean;

type Scalar = string | number | boolean | null;
type Test<T> = (value: T) => boolean;

/** Case folding used by every `equals-ignore-case` form. */
export function foldCase(text: string): string {
  return text.toLowerCase();
}

interface Groups {
  strings: Set<string>;
  numbers: Set<number>;
  literals: Set<boolean | null>;
  stringTests: Test<string>[];
  numberTests: Test<number>[];
  otherTests: Test<boolean | null>[];
  existsTrue: boolean;
  existsFalse: boolean;
}

/** Compiles a leaf node into a matcher of the value at its field. */
export function compileLeaf(node: LeafNode): ValueMatcher {
  const groups: Groups = {
    strings: new Set(),
    numbers: new Set(),
    literals: new Set(),
    stringTests: [],
    numberTests: [],
    otherTests: [],
    existsTrue: false,
    existsFalse: false,
  };
  for (const test of node.tests) addTest(groups, test);
  const matchString = anyOf(groups.strings, groups.stringTests);
  const matchNumber = anyOf(groups.numbers, groups.numberTests);
  const matchOther = anyOf(groups.literals, groups.otherTests);
  const { existsTrue, existsFalse } = groups;

  const matchScalar = (value: Scalar): boolean => {
    if (typeof value === 'string') return matchString(value);
    if (typeof value === 'number') return matchNumber(value);
    return matchOther(value);
  };
  const matchArray = (values: readonly unknown[]): boolean | undefined => {
    // undefined: no leaf at all (only objects / empty arrays), so the field does not "exist".
    let sawLeaf = false;
    for (const item of values) {
      if (isScalar(item)) {
        sawLeaf = true;
        if (matchScalar(item)) return true;
      } else if (Array.isArray(item)) {
        const nested = matchArray(item);
        if (nested === true) return true;
        if (nested === false) sawLeaf = true;
      }
    }
    return sawLeaf ? false : undefined;
  };
  return (value) => {
    if (isScalar(value)) return existsTrue || matchScalar(value);
    if (Array.isArray(value)) {
      const result = matchArray(value);
      return result === undefined ? existsFalse : result || existsTrue;
    }
    // Missing, an object (not a leaf) or a non-JSON value: the field does not exist here.
    return existsFalse;
  };
}

function isScalar(value: unknown): value is Scalar {
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' || value === null;
}

function anyOf<T>(exact: Set<T>, tests: Test<T>[]): Test<T> {
  const matchExact = exactMatcher(exact);
  if (tests.length === 0) return matchExact;
  if (tests.length === 1 && exact.size === 0) return tests[0] as Test<T>;
  return (value) => {
    if (matchExact(value)) return true;
    for (const test of tests) if (test(value)) return true;
    return false;
  };
}

function exactMatcher<T>(exact: Set<T>): Test<T> {
  const values = [...exact];
  if (values.length === 0) return () => false;
  if (values.length === 1) {
    const only = values[0];
    return (value) => value === only;
  }
  if (values.length === 2) {
    const [a, b] = values;
    return (value) => value === a || value === b;
  }
  return (value) => exact.has(value);
}

function addTest(groups: Groups, test: LeafTest): void {
  switch (test.kind) {
    case 'exact':
      if (typeof test.value === 'string') groups.strings.add(test.value);
      else if (typeof test.value === 'number') groups.numbers.add(test.value);
      else groups.literals.add(test.value);
      return;
    case 'prefix':
    case 'suffix':
      groups.stringTests.push(affixTest(test.kind, test.value, test.ignoreCase));
      return;
    case 'equals-ignore-case': {
      const folded = foldCase(test.value);
      groups.stringTests.push((value) => foldCase(value) === folded);
      return;
    }
    case 'wildcard': {
      const { wildcard } = test;
      groups.stringTests.push((value) => matchWildcard(wildcard, value));
      return;
    }
    case 'numeric': {
      const { lower, upper } = test;
      groups.numberTests.push(
        (value) =>
          (lower === undefined || (lower.inclusive ? value >= lower.value : value > lower.value)) &&
          (upper === undefined || (upper.inclusive ? value <= upper.value : value < upper.value))
      );
      return;
    }
    case 'exists':
      if (test.value) groups.existsTrue = true;
      else groups.existsFalse = true;
      return;
    case 'cidr': {
      const { range } = test;
      groups.stringTests.push((value) => cidrContains(range, value));
      return;
    }
    case 'anything-but':
      addAnythingBut(groups, test);
      return;
  }
}

function affixTest(kind: 'prefix' | 'suffix', text: string, ignoreCase: boolean): Test<string> {
  if (!ignoreCase)
    return kind === 'prefix' ? (value) => value.startsWith(text) : (value) => value.endsWith(text);
  const folded = foldCase(text);
  return kind === 'prefix'
    ? (value) => foldCase(value).startsWith(folded)
    : (value) => foldCase(value).endsWith(folded);
}

// anything-but matches every present leaf value except the excluded ones. Only strings can be
// excluded by prefix/suffix/wildcard/equals-ignore-case and only numbers by a number list, so every
// other JSON type passes (EventBridge compares the JSON text of the value).
function addAnythingBut(groups: Groups, test: AnythingButTest): void {
  const always = () => true;
  let excludesString: Test<string> | undefined;
  let excludesNumber: Test<number> | undefined;
  if (test.mode === 'values') {
    const excluded = new Set<string | number>(test.values);
    if (typeof test.values[0] === 'number') excludesNumber = (value) => excluded.has(value);
    else excludesString = (value) => excluded.has(value);
  } else if (test.mode === 'equals-ignore-case') {
    const excluded = new Set(test.values.map(foldCase));
    excludesString = (value) => excluded.has(foldCase(value));
  } else if (test.mode === 'wildcard') {
    const { wildcards } = test;
    excludesString = (value) => wildcards.some((wildcard) => matchWildcard(wildcard, value));
  } else {
    const { values } = test;
    excludesString =
      test.mode === 'prefix'
        ? (value) => values.some((prefix) => value.startsWith(prefix))
        : (value) => values.some((suffix) => value.endsWith(suffix));
  }
  const stringTest = excludesString;
  const numberTest = excludesNumber;
  groups.stringTests.push(stringTest === undefined ? always : (value) => !stringTest(value));
  groups.numberTests.push(numberTest === undefined ? always : (value) => !numberTest(value));
  groups.otherTests.push(always);
}
