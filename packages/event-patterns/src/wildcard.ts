// EventBridge `wildcard`: `*` matches any run of characters (including none), `\*` is a literal
// asterisk and `\\` a literal backslash. Consecutive wildcards and any other escape are rejected,
// as AWS rejects them. Matching splits on the wildcards once, then scans with indexOf: no regex,
// so no backtracking blow-up on hostile input.

/** A parsed wildcard value: the literal pieces between the `*` characters. */
export interface WildcardPattern {
  /** Literal text between wildcards; `segments.length - 1` is the number of `*`. */
  segments: readonly string[];
}

/** Parses a wildcard value, or returns the reason it is invalid. */
export function parseWildcard(value: string): WildcardPattern | string {
  const segments: string[] = [];
  let current = '';
  let previousWasStar = false;
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    if (char === '\\') {
      const next = value[i + 1];
      if (next !== '*' && next !== '\\') {
        return `invalid escape at index ${i}: a backslash may only escape "*" or "\\"`;
      }
      current += next;
      i++;
      previousWasStar = false;
    } else if (char === '*') {
      if (previousWasStar) return `consecutive wildcard characters at index ${i} are not allowed`;
      segments.push(current);
      current = '';
      previousWasStar = true;
    } else {
      current += char;
      previousWasStar = false;
    }
  }
  segments.push(current);
  return { segments };
}

/** True when `text` matches the wildcard pattern (whole string, case-sensitive). */
export function matchWildcard(pattern: WildcardPattern, text: string): boolean {
  const { segments } = pattern;
  const count = segments.length;
  const first = segments[0] ?? '';
  if (count === 1) return text === first;
  const last = segments[count - 1] ?? '';
  if (text.length < first.length + last.length) return false;
  if (!text.startsWith(first) || !text.endsWith(last)) return false;
  const end = text.length - last.length;
  let position = first.length;
  // Leftmost placement of each middle piece is optimal for a `*`-only glob.
  for (let i = 1; i < count - 1; i++) {
    const piece = segments[i] ?? '';
    const found = text.indexOf(piece, position);
    if (found < 0 || found + piece.length > end) return false;
    position = found + piece.length;
  }
  return true;
}
