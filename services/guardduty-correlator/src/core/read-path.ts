/** Reads a nested value without trusting the shape (product-specific sections stay `unknown`). */
export function readPath(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A nested non-empty string, or `undefined`. */
export function readString(value: unknown, ...path: string[]): string | undefined {
  const found = readPath(value, ...path);
  return typeof found === 'string' && found.trim() !== '' ? found : undefined;
}

/** A nested array (empty when absent or not an array). */
export function readArray(value: unknown, ...path: string[]): unknown[] {
  const found = readPath(value, ...path);
  return Array.isArray(found) ? found : [];
}
