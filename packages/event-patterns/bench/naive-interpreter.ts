// The baseline: a straightforward recursive interpreter of EventBridge patterns. It walks the pattern
// JSON for every event (no precompilation, no index) and re-reads operators each time. It shares no
// code with src/, so the tests also use it as an independent oracle of the same semantics.
// Patterns are assumed valid (the compiled engine validates them).

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLeaf(value: Json): value is string | number | boolean | null {
  return (
    value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
  );
}

/** True when `event` matches `pattern`. */
export function naiveMatches(pattern: Record<string, Json>, event: Json): boolean {
  return matchObject(pattern, event);
}

function matchObject(pattern: Record<string, Json>, value: Json): boolean {
  if (Array.isArray(value)) {
    if (value.length === 0) return matchFields(pattern, undefined);
    return value.some((item) => matchObject(pattern, item));
  }
  return matchFields(pattern, isObject(value) ? value : undefined);
}

function matchFields(pattern: Record<string, Json>, object: Record<string, Json> | undefined): boolean {
  for (const key of Object.keys(pattern)) {
    const sub = pattern[key];
    if (key === '$or') {
      const branches = sub as Record<string, Json>[];
      if (!branches.some((branch) => matchFields(branch, object))) return false;
      continue;
    }
    const value = object !== undefined && Object.hasOwn(object, key) ? object[key] : undefined;
    if (Array.isArray(sub)) {
      if (!matchValueList(sub, value)) return false;
    } else if (!matchObject(sub as Record<string, Json>, value)) {
      return false;
    }
  }
  return true;
}

function leavesOf(value: Json, out: (string | number | boolean | null)[]): void {
  if (isLeaf(value)) out.push(value);
  else if (Array.isArray(value)) for (const item of value) leavesOf(item, out);
}

function matchValueList(list: Json[], value: Json): boolean {
  const leaves: (string | number | boolean | null)[] = [];
  leavesOf(value, leaves);
  for (const element of list) {
    if (isObject(element) && 'exists' in element) {
      if ((element.exists === true) === leaves.length > 0) return true;
      continue;
    }
    for (const leaf of leaves) if (matchOne(element, leaf)) return true;
  }
  return false;
}

function matchOne(element: Json, leaf: string | number | boolean | null): boolean {
  if (!isObject(element)) return element === leaf;
  const operator = Object.keys(element)[0] as string;
  const operand = element[operator];
  switch (operator) {
    case 'prefix':
    case 'suffix': {
      if (typeof leaf !== 'string') return false;
      if (isObject(operand)) {
        const text = String(operand['equals-ignore-case']).toLowerCase();
        const lower = leaf.toLowerCase();
        return operator === 'prefix' ? lower.startsWith(text) : lower.endsWith(text);
      }
      return operator === 'prefix' ? leaf.startsWith(operand as string) : leaf.endsWith(operand as string);
    }
    case 'equals-ignore-case':
      return typeof leaf === 'string' && leaf.toLowerCase() === (operand as string).toLowerCase();
    case 'wildcard':
      return typeof leaf === 'string' && globMatch(operand as string, 0, leaf, 0);
    case 'numeric':
      return typeof leaf === 'number' && numericMatch(operand as Json[], leaf);
    case 'cidr':
      return typeof leaf === 'string' && cidrMatch(operand as string, leaf);
    case 'anything-but':
      return !anythingButExcludes(operand, leaf);
    default:
      return false;
  }
}

function anythingButExcludes(operand: Json, leaf: string | number | boolean | null): boolean {
  if (Array.isArray(operand)) return operand.includes(leaf);
  if (!isObject(operand)) return operand === leaf;
  if (typeof leaf !== 'string') return false;
  const mode = Object.keys(operand)[0] as string;
  const raw = operand[mode];
  const values = (Array.isArray(raw) ? raw : [raw]) as string[];
  return values.some((text) => {
    if (mode === 'prefix') return leaf.startsWith(text);
    if (mode === 'suffix') return leaf.endsWith(text);
    if (mode === 'wildcard') return globMatch(text, 0, leaf, 0);
    return leaf.toLowerCase() === text.toLowerCase();
  });
}

function numericMatch(expression: Json[], value: number): boolean {
  for (let i = 0; i < expression.length; i += 2) {
    const operator = expression[i];
    const bound = expression[i + 1] as number;
    const ok =
      operator === '='
        ? value === bound
        : operator === '<'
          ? value < bound
          : operator === '<='
            ? value <= bound
            : operator === '>'
              ? value > bound
              : value >= bound;
    if (!ok) return false;
  }
  return true;
}

// Recursive glob over the raw wildcard text: `*` any run, `\*` and `\\` literals.
function globMatch(glob: string, g: number, text: string, t: number): boolean {
  if (g === glob.length) return t === text.length;
  const char = glob[g];
  if (char === '*') {
    for (let k = t; k <= text.length; k++) if (globMatch(glob, g + 1, text, k)) return true;
    return false;
  }
  if (char === '\\') return text[t] === glob[g + 1] && globMatch(glob, g + 2, text, t + 1);
  return text[t] === char && globMatch(glob, g + 1, text, t + 1);
}

function cidrMatch(cidr: string, text: string): boolean {
  const [address = '', length = ''] = cidr.split('/');
  const network = ipToBits(address);
  const ip = ipToBits(text);
  if (network === undefined || ip === undefined || network.length !== ip.length) return false;
  const bits = Number(length);
  return network.slice(0, bits) === ip.slice(0, bits);
}

function ipToBits(text: string): string | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4 !== null) {
    const parts = v4.slice(1);
    if (parts.some((part) => Number(part) > 255 || (part.length > 1 && part.startsWith('0'))))
      return undefined;
    return parts.map((part) => Number(part).toString(2).padStart(8, '0')).join('');
  }
  if (!text.includes(':')) return undefined;
  let head = text;
  let tail = '';
  const gap = text.indexOf('::');
  if (gap >= 0) {
    if (text.indexOf('::', gap + 1) >= 0) return undefined;
    head = text.slice(0, gap);
    tail = text.slice(gap + 2);
  }
  const toGroups = (part: string, allowV4: boolean): string[] | undefined => {
    if (part === '') return [];
    const groups: string[] = [];
    const pieces = part.split(':');
    for (const [i, piece] of pieces.entries()) {
      if (allowV4 && i === pieces.length - 1 && piece.includes('.')) {
        const bits = ipToBits(piece);
        if (bits === undefined || bits.length !== 32) return undefined;
        groups.push(bits.slice(0, 16), bits.slice(16));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) {
        groups.push(Number.parseInt(piece, 16).toString(2).padStart(16, '0'));
      } else {
        return undefined;
      }
    }
    return groups;
  };
  const headGroups = toGroups(head, gap < 0);
  const tailGroups = toGroups(tail, true);
  if (headGroups === undefined || tailGroups === undefined) return undefined;
  const missing = 8 - headGroups.length - tailGroups.length;
  if (gap < 0 ? missing !== 0 : missing < 1) return undefined;
  return [...headGroups, ...new Array<string>(missing).fill('0'.repeat(16)), ...tailGroups].join('');
}
