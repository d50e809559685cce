// The validated form of a pattern. The parser produces it once; the compiler, the set index and
// the literal extractor all read it, so none of them re-validates raw JSON.
import type { CidrRange } from './cidr';
import type { WildcardPattern } from './wildcard';

/** A JSON scalar a pattern can match exactly. */
export type ExactValue = string | number | boolean | null;

/** A numeric bound: `inclusive` is true for `>=`, `<=` and `=`. */
export interface NumericBound {
  value: number;
  inclusive: boolean;
}

/** What `anything-but` excludes. `values` holds only strings or only numbers. */
export type AnythingButTest =
  | { kind: 'anything-but'; mode: 'values'; values: readonly (string | number)[] }
  | { kind: 'anything-but'; mode: 'prefix' | 'suffix' | 'equals-ignore-case'; values: readonly string[] }
  | {
      kind: 'anything-but';
      mode: 'wildcard';
      values: readonly string[];
      wildcards: readonly WildcardPattern[];
    };

/** One alternative of a field's value list (the list is OR). */
export type LeafTest =
  | { kind: 'exact'; value: ExactValue }
  | { kind: 'prefix'; value: string; ignoreCase: boolean }
  | { kind: 'suffix'; value: string; ignoreCase: boolean }
  | { kind: 'equals-ignore-case'; value: string }
  | { kind: 'wildcard'; value: string; wildcard: WildcardPattern }
  | { kind: 'numeric'; lower: NumericBound | undefined; upper: NumericBound | undefined }
  | { kind: 'exists'; value: boolean }
  | { kind: 'cidr'; value: string; range: CidrRange }
  | AnythingButTest;

/** A field whose pattern value is an array: matched against the leaf values found at `key`. */
export interface LeafNode {
  kind: 'leaf';
  tests: readonly LeafTest[];
}

/** A pattern object: every field must match (AND) and, when `or` is set, at least one branch. */
export interface ObjectNode {
  kind: 'object';
  fields: readonly FieldNode[];
  or: readonly ObjectNode[] | undefined;
}

/** One key of a pattern object. `path` is the dotted path from the pattern root, for messages. */
export interface FieldNode {
  key: string;
  path: string;
  body: LeafNode | ObjectNode;
}
