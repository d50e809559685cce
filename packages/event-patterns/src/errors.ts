/**
 * Thrown at compile time when an event pattern is not a valid EventBridge pattern. Permanent: the same
 * pattern always fails, so callers report it (rule file, line) rather than retry.
 *
 * @example
 * ```ts
 * try {
 *   compilePattern({ detail: { eventName: [{ prefix: 3 }] } });
 * } catch (error) {
 *   if (error instanceof InvalidPatternError) {
 *     console.log(error.path); // 'detail.eventName'
 *     console.log(error.message); // 'detail.eventName: "prefix" must be a string, got 3'
 *   }
 * }
 * ```
 */
export class InvalidPatternError extends Error {
  /** Where in the pattern the problem is, as dotted field names (`''` for the pattern itself). */
  public readonly path: string;
  /** The problem without the path, e.g. `"prefix" must be a string, got 3`. */
  public readonly reason: string;
  /** The entry id when the pattern came from {@link compilePatternSet}. */
  public readonly patternId: string | undefined;

  public constructor(
    path: string,
    reason: string,
    options?: { cause?: unknown; patternId?: string | undefined }
  ) {
    const where = `${path === '' ? '(pattern)' : path}: ${reason}`;
    super(
      options?.patternId === undefined ? where : `pattern ${JSON.stringify(options.patternId)}: ${where}`,
      options
    );
    this.name = 'InvalidPatternError';
    this.path = path;
    this.reason = reason;
    this.patternId = options?.patternId;
  }
}
