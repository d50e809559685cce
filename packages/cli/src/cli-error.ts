/** Exit code of a user error (bad arguments, unreadable input, invalid rule). */
export const USER_ERROR_EXIT_CODE = 2;

/**
 * A user error: printed as `vigil: <what>: <reason>` on one line (no stack unless `--debug`), exit code 2.
 *
 * @example
 * ```ts
 * throw new CliError('rules/broken.yml', 'pattern.detail: expected an object', { cause: error });
 * // stderr: vigil: rules/broken.yml: pattern.detail: expected an object
 * ```
 */
export class CliError extends Error {
  override name = 'CliError';
  readonly what: string;
  readonly reason: string;
  readonly exitCode: number;

  constructor(
    what: string,
    reason: string,
    options: { cause?: unknown; exitCode?: number | undefined } = {}
  ) {
    super(`${what}: ${reason}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.what = what;
    this.reason = reason;
    this.exitCode = options.exitCode ?? USER_ERROR_EXIT_CODE;
  }
}
