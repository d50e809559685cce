// Characters AWS forbids in state machine and execution names (API reference, StartExecution `name`).
const FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what AWS rejects
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

/**
 * Checks a state machine or execution name against the AWS naming rules.
 * Returns the reason it is invalid, or `undefined` when it is valid.
 *
 * @example
 * findNameProblem('order-42'); // undefined
 * findNameProblem('a b'); // 'contains whitespace or a forbidden character'
 */
export function findNameProblem(name: string, maxLength = 80): string | undefined {
  if (name.length < 1 || name.length > maxLength) return `must be 1 to ${maxLength} characters long`;
  if (CONTROL.test(name)) return 'contains a control character';
  if (FORBIDDEN.test(name)) return 'contains whitespace or a forbidden character';
  return undefined;
}
