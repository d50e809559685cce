import type { z } from 'zod';

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

/** Issues listed in one message before the rest is summarised as "and N more". */
const MAX_LISTED_ISSUES = 5;
/** Long strings are cut so a message never becomes a dump of the input. */
const MAX_SHOWN_CHARS = 60;
const MISSING = Symbol('missing');

/**
 * Turns a zod error into one human-readable line per issue: `path: expected X, got Y`, joined by `; `.
 * Values are summarised (strings cut to 60 characters, objects and arrays described, never dumped), and
 * for unions only the branch that came closest is reported.
 *
 * @param error the zod error
 * @param input the value that was parsed; lets the message say what was found when the issues do not
 *   carry it (parse with `{ reportInput: true }` or pass the input here)
 *
 * @example
 * ```ts
 * const result = SecurityHubFindingsImportedEventSchema.safeParse(event, { reportInput: true });
 * if (!result.success) console.error(formatValidationError(result.error));
 * // detail.findings[0].Severity.Label: expected one of INFORMATIONAL|LOW|MEDIUM|HIGH|CRITICAL, got "SEVERE"
 * ```
 */
export function formatValidationError(error: z.ZodError, input?: unknown): string {
  const lines = error.issues.flatMap((issue) => describeIssue(issue, [], input));
  const listed = lines.slice(0, MAX_LISTED_ISSUES);
  const rest = lines.length - listed.length;
  return rest > 0 ? `${listed.join('; ')}; and ${rest} more` : listed.join('; ');
}

function describeIssue(issue: Issue, prefix: readonly PathKey[], root: unknown): string[] {
  const path = [...prefix, ...issue.path];
  const at = formatPath(path);
  switch (issue.code) {
    case 'invalid_union': {
      const branch = closestBranch(issue.errors);
      if (branch) return branch.flatMap((inner) => describeIssue(inner, path, root));
      const options = 'options' in issue && Array.isArray(issue.options) ? issue.options : undefined;
      if (options) {
        // zod reports the whole object as input of a discriminator issue; show the tag itself.
        const tag = discriminatorValue(issue);
        const found = tag === MISSING ? got(issue, path, root) : describeValue(tag);
        return [`${at}: expected one of ${options.map(formatLiteral).join('|')}, got ${found}`];
      }
      return [`${at}: matches none of the allowed shapes, got ${got(issue, path, root)}`];
    }
    case 'invalid_key':
      return issue.issues.map(
        (inner) => `${at}: invalid key: ${stripPath(describeIssue(inner, [], undefined))}`
      );
    case 'invalid_element':
      return issue.issues.flatMap((inner) => describeIssue(inner, path, root));
    case 'unrecognized_keys':
      return [
        `${at}: unexpected key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`,
      ];
    default:
      return [`${at}: ${expected(issue)}, got ${got(issue, path, root)}`];
  }
}

/**
 * The union branch that came closest: a branch whose literal tag (e.g. `eventType`, `kind`) did not
 * match ranks last; then the deepest failing path; then the fewest issues; then the first branch.
 */
function closestBranch(branches: Issue[][]): Issue[] | undefined {
  let best: Issue[] | undefined;
  let bestScore: number[] = [];
  for (const branch of branches) {
    if (branch.length === 0) continue;
    const tagMismatch = branch.some((i) => i.code === 'invalid_value' && i.values.length === 1);
    const score = [tagMismatch ? 0 : 1, Math.max(...branch.map((i) => i.path.length)), -branch.length];
    if (best === undefined || isGreater(score, bestScore)) {
      best = branch;
      bestScore = score;
    }
  }
  return best;
}

function isGreater(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return false;
}

/** zod's own messages; anything else was written by a schema author and says it better. */
const ZOD_DEFAULT_MESSAGE = /^(Invalid|Too small|Too big|Unrecognized key)/;

function expected(issue: Issue): string {
  if (!ZOD_DEFAULT_MESSAGE.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `expected ${formatLiteral(issue.values[0])}`
        : `expected one of ${issue.values.map(formatLiteral).join('|')}`;
    case 'too_small':
      return `expected ${bound(issue.origin, issue.inclusive ? '>=' : '>', issue.minimum)}`;
    case 'too_big':
      return `expected ${bound(issue.origin, issue.inclusive ? '<=' : '<', issue.maximum)}`;
    case 'invalid_format':
      return `expected ${formatName(issue)}`;
    case 'not_multiple_of':
      return `expected a multiple of ${String(issue.divisor)}`;
    default:
      return issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
  }
}

const FORMAT_NAMES: Record<string, string> = {
  datetime: 'an ISO 8601 date-time (e.g. 2024-01-31T12:00:00Z)',
  date: 'an ISO 8601 date (YYYY-MM-DD)',
  url: 'a URL',
  uuid: 'a UUID',
  email: 'an email address',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
};

function formatName(issue: z.core.$ZodIssueInvalidStringFormat): string {
  if ('prefix' in issue && typeof issue.prefix === 'string')
    return `a string starting with ${JSON.stringify(issue.prefix)}`;
  if ('suffix' in issue && typeof issue.suffix === 'string')
    return `a string ending with ${JSON.stringify(issue.suffix)}`;
  if ('includes' in issue && typeof issue.includes === 'string')
    return `a string containing ${JSON.stringify(issue.includes)}`;
  if (issue.format === 'regex') return `a string matching ${issue.pattern ?? 'the pattern'}`;
  return FORMAT_NAMES[issue.format] ?? `a ${issue.format} string`;
}

function bound(origin: string, op: string, limit: number | bigint): string {
  const n = String(limit);
  if (origin === 'string') return `a string of ${op} ${n} character(s)`;
  if (origin === 'array' || origin === 'set') return `${op} ${n} item(s)`;
  return `a number ${op} ${n}`;
}

function got(issue: Issue, path: readonly PathKey[], root: unknown): string {
  // A refinement reports the object it refined as input, even when its path points inside it.
  if (issue.code === 'custom' && root !== undefined) return describeValue(valueAt(root, path));
  if ('input' in issue) return describeValue(issue.input);
  if (root !== undefined) return describeValue(valueAt(root, path));
  // Without the input, zod's own message still names the received type.
  const received = /received (\w+)/.exec(issue.message)?.[1];
  return received === 'undefined' ? describeValue(undefined) : (received ?? 'an invalid value');
}

function discriminatorValue(issue: Issue): unknown {
  const key = 'discriminator' in issue ? issue.discriminator : undefined;
  const input = 'input' in issue ? issue.input : undefined;
  if (typeof key !== 'string' || input === null || typeof input !== 'object') return MISSING;
  return Object.hasOwn(input, key) ? (input as Record<string, unknown>)[key] : undefined;
}

function valueAt(root: unknown, path: readonly PathKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return MISSING;
    if (!Object.hasOwn(current, key)) return MISSING;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === undefined || value === MISSING) return 'nothing (missing)';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const shown = value.length > MAX_SHOWN_CHARS ? `${value.slice(0, MAX_SHOWN_CHARS)}…` : value;
    return JSON.stringify(shown);
  }
  if (Array.isArray(value)) return `an array of ${value.length} item(s)`;
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    const shown = keys.slice(0, 5).join(', ');
    return keys.length === 0
      ? 'an empty object'
      : `an object with keys ${shown}${keys.length > 5 ? ', …' : ''}`;
  }
  if (typeof value === 'bigint') return `${value}n`;
  return String(value);
}

function formatLiteral(value: unknown): string {
  // Word-like strings read better bare (`one of LOW|HIGH`); anything else is quoted to stay unambiguous.
  return typeof value === 'string' && /^[A-Za-z][\w.:-]*$/.test(value)
    ? value
    : (JSON.stringify(value) ?? String(value));
}

/** `detail.findings[0].Severity.Label`; keys that are not identifiers are quoted: `["detail-type"]`. */
export function formatPath(path: readonly PathKey[]): string {
  if (path.length === 0) return '(root)';
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'symbol') out += `[${String(key)}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

function stripPath(lines: string[]): string {
  return lines.map((line) => line.replace(/^\(root\): /, '')).join('; ');
}
