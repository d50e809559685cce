// A Sigma string value split into literal text and wildcards. Sigma's escapes: `\*`, `\?` and `\\` are
// literal characters; a backslash before anything else is itself a literal backslash.

export type SigmaStringPart = { kind: 'text'; text: string } | { kind: 'any' } | { kind: 'one' };

/** Splits a Sigma value into text and wildcards (`*` any run, `?` one character); merges adjacent parts. */
export function parseSigmaString(value: string): SigmaStringPart[] {
  const parts: SigmaStringPart[] = [];
  const pushText = (text: string): void => {
    const last = parts.at(-1);
    if (last?.kind === 'text') {
      last.text += text;
    } else {
      parts.push({ kind: 'text', text });
    }
  };
  for (let index = 0; index < value.length; index += 1) {
    const char = value.charAt(index);
    const following = value.charAt(index + 1);
    if (char === '\\' && (following === '*' || following === '?' || following === '\\')) {
      pushText(following);
      index += 1;
    } else if (char === '*') {
      // `**` means the same as `*`; one part keeps the generated patterns simple.
      if (parts.at(-1)?.kind !== 'any') {
        parts.push({ kind: 'any' });
      }
    } else if (char === '?') {
      parts.push({ kind: 'one' });
    } else {
      pushText(char);
    }
  }
  return parts;
}

/** The same parts with a leading and/or trailing `*` added (what `contains`/`startswith`/`endswith` do). */
export function wrapWithWildcards(
  parts: SigmaStringPart[],
  options: { before: boolean; after: boolean }
): SigmaStringPart[] {
  const result = [...parts];
  if (options.before && result[0]?.kind !== 'any') {
    result.unshift({ kind: 'any' });
  }
  if (options.after && result.at(-1)?.kind !== 'any') {
    result.push({ kind: 'any' });
  }
  return result;
}

/** True when upper- and lower-casing change nothing, so case-insensitive and exact matching agree. */
export function isCaseless(text: string): boolean {
  return text.toLowerCase() === text && text.toUpperCase() === text;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * A JavaScript regex source equivalent to the parts (anchored; `*` → any run including newlines,
 * `?` → one character). Leading/trailing `*` drop the anchor instead of adding `[\s\S]*`.
 */
export function toRegexSource(parts: SigmaStringPart[]): string {
  let start = 0;
  let end = parts.length;
  const anchoredStart = parts[0]?.kind !== 'any';
  const anchoredEnd = parts.at(-1)?.kind !== 'any' || parts.length === 0;
  if (!anchoredStart) {
    start = 1;
  }
  if (!anchoredEnd && end > start) {
    end -= 1;
  }
  const body = parts
    .slice(start, end)
    .map((part) => {
      if (part.kind === 'text') {
        return escapeRegExp(part.text);
      }
      return part.kind === 'any' ? '[\\s\\S]*' : '[\\s\\S]';
    })
    .join('');
  return `${anchoredStart ? '^' : ''}${body}${anchoredEnd ? '$' : ''}`;
}

/** An EventBridge `wildcard` string for parts without `?` (EventBridge escapes `*` and `\` with `\`). */
export function toEventBridgeWildcard(parts: SigmaStringPart[]): string {
  return parts.map((part) => (part.kind === 'text' ? part.text.replace(/[\\*]/g, '\\$&') : '*')).join('');
}
