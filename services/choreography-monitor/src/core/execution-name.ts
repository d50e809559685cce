import { createHash } from 'node:crypto';

/** Step Functions' execution name limit. */
export const MAX_EXECUTION_NAME_LENGTH = 80;

// What AWS forbids in execution names: whitespace, brackets, wildcards, punctuation and control characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what AWS rejects
const FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/gu;

/**
 * Names an execution after its correlation id, within Step Functions' rules (1–80 characters, no
 * whitespace, brackets, wildcards, `"#%\^|~\`$&,;:/` or control characters). A valid id is used as is;
 * otherwise forbidden characters become `_` and a hash of the original id is appended, so two ids that
 * sanitise alike (`a/b`, `a:b`) still get different names, and the same id always gets the same name
 * (which is what makes a duplicate start a no-op).
 *
 * @example
 * executionName('o-42'); // 'o-42'
 * executionName('order 42/eu'); // 'order_42_eu-<8 hex>'
 */
export function executionName(correlationId: string): string {
  const sanitised = correlationId.replace(FORBIDDEN, '_');
  if (
    sanitised === correlationId &&
    correlationId.length > 0 &&
    correlationId.length <= MAX_EXECUTION_NAME_LENGTH
  ) {
    return correlationId;
  }
  const hash = createHash('sha256').update(correlationId).digest('hex').slice(0, 8);
  return `${sanitised.slice(0, MAX_EXECUTION_NAME_LENGTH - hash.length - 1)}-${hash}`;
}
