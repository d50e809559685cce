/** Anything text can be written to (a stream, or a buffer in tests). */
export interface TextSink {
  write(chunk: string): unknown;
}

/**
 * What the commands need from the `vigil` CLI: the same shape as `CliContext` of `@vigil/cli`, declared
 * here so the core does not depend on the CLI package.
 */
export interface CommandContext {
  io: {
    stdout: TextSink;
    stderr: TextSink;
    isTTY: boolean;
    stderrIsTTY?: boolean | undefined;
    stdin?: NodeJS.ReadableStream | undefined;
  };
  /** Raises the process exit code (the highest wins). */
  setExitCode(code: number): void;
}

/** Prints `vigil: <what>: <reason>` on stderr, one line. */
export function reportProblem(context: CommandContext, what: string, reason: string): void {
  context.io.stderr.write(`vigil: ${what}: ${reason.replace(/\s*\n\s*/g, ' ')}\n`);
}
