import * as z from 'zod';

const NOT_FOUND = Symbol('not-found');
const MAX_SHOWN = 5;
const MAX_VALUE_CHARS = 60;
const PATTERN_FORMATS = new Set(['starts_with', 'ends_with', 'includes', 'regex', 'lowercase', 'uppercase']);

type Issue = {
  code?: string | undefined;
  path: readonly PropertyKey[];
  message: string;
  expected?: unknown;
  values?: unknown;
  format?: unknown;
  keys?: unknown;
};

const IssueSchema = z.object({
  code: z.string().optional(),
  path: z
    .array(
      z.union([z.string(), z.number(), z.symbol(), z.object({ key: z.union([z.string(), z.number()]) })])
    )
    .optional()
    .transform((path = []) => path.map((part) => (typeof part === 'object' ? part.key : part))),
  message: z.string(),
  expected: z.unknown().optional(),
  values: z.unknown().optional(),
  format: z.unknown().optional(),
  keys: z.unknown().optional(),
});

/**
 * Turns a validation failure into one readable line per problem (`path: expected X, got Y`), joined by `; `.
 * Accepts a `ZodError`, an array of zod / Standard Schema issues, or an error whose `cause` is one of those
 * (powertools' `ParseError`). Pass the validated value as `options.input` to show what was actually received.
 *
 * @example
 * ```ts
 * const result = AlertSchema.safeParse(event);
 * if (!result.success) throw new InvalidInputError(formatValidationError(result.error, { input: event }));
 * // 'detail.severity: expected one of "LOW" | "HIGH", got "BOGUS"; detail.id: required'
 * ```
 */
export function formatValidationError(error: unknown, options: { input?: unknown } = {}): string {
  const problems = describeValidationError(error, options);
  if (problems === undefined) return error instanceof Error ? error.message : String(error);
  if (problems.length === 0) return 'invalid input';
  const lines = problems.slice(0, MAX_SHOWN).map((problem) => `${problem.path}: ${problem.reason}`);
  if (problems.length > MAX_SHOWN) lines.push(`and ${problems.length - MAX_SHOWN} more`);
  return lines.join('; ');
}

/** One validation problem: where (`detail.items[0].id`, `(root)`) and why. */
export type ValidationProblem = { path: string; key: PropertyKey | undefined; reason: string };

/**
 * The problems of a validation failure, one per issue, or `undefined` when `error` holds no issues
 * (a plain `Error`). `showValues: false` hides received values (for secrets such as env variables).
 *
 * @example
 * ```ts
 * describeValidationError(result.error, { input: env, showValues: false });
 * // [{ path: 'ALERT_TOPIC_ARN', key: 'ALERT_TOPIC_ARN', reason: 'required' }]
 * ```
 */
export function describeValidationError(
  error: unknown,
  options: { input?: unknown; showValues?: boolean | undefined } = {}
): ValidationProblem[] | undefined {
  // `input` may legitimately be undefined (a missing event), so presence is what counts.
  const hasInput = 'input' in options;
  const showValues = options.showValues ?? true;
  return collectIssues(error)?.map((issue) => ({
    path: formatPath(issue.path),
    key: issue.path[0],
    reason: describeIssue(issue, hasInput ? valueAt(options.input, issue.path) : NOT_FOUND, showValues),
  }));
}

function collectIssues(error: unknown, depth = 0): Issue[] | undefined {
  if (depth > 5) return undefined;
  if (Array.isArray(error)) return error.flatMap(toIssue);
  if (error instanceof z.ZodError) return error.issues.flatMap(toIssue);
  if (error instanceof Error && error.cause !== undefined) return collectIssues(error.cause, depth + 1);
  return undefined;
}

function toIssue(raw: unknown): Issue[] {
  const parsed = IssueSchema.safeParse(raw);
  return parsed.success ? [parsed.data] : [];
}

function describeIssue(issue: Issue, value: unknown, showValues: boolean): string {
  const got = value === NOT_FOUND || !showValues ? '' : `, got ${describeValue(value)}`;
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return 'required';
      return value === NOT_FOUND ? lowerFirst(issue.message) : `expected ${String(issue.expected)}${got}`;
    case 'invalid_value':
      if (Array.isArray(issue.values)) {
        return `expected one of ${issue.values.map((allowed) => JSON.stringify(allowed)).join(' | ')}${got}`;
      }
      return `${lowerFirst(issue.message)}${got}`;
    case 'invalid_format':
      // Named formats read well as "expected email"; pattern checks (starts_with, regex…) need zod's wording.
      return PATTERN_FORMATS.has(String(issue.format))
        ? `${lowerFirst(issue.message)}${got}`
        : `expected ${String(issue.format)}${got}`;
    case 'unrecognized_keys':
      return `unknown keys ${Array.isArray(issue.keys) ? issue.keys.join(', ') : ''}`.trimEnd();
    default:
      return `${lowerFirst(issue.message)}${got}`;
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$-]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return NOT_FOUND;
    current = Reflect.get(current, part);
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const shown = value.length > MAX_VALUE_CHARS ? `${value.slice(0, MAX_VALUE_CHARS)}…` : value;
    return JSON.stringify(shown);
  }
  return `${typeof value} ${String(value)}`;
}

function lowerFirst(text: string): string {
  // zod 4 prefixes most messages with "Invalid input: "; the path already says where, so drop it.
  const trimmed = text.replace(/^Invalid input: /, '');
  return trimmed.charAt(0).toLowerCase() + trimmed.slice(1);
}
