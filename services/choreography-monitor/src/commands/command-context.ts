/** Anything text can be written to (a stream, or a buffer in tests). */
export interface TextSink {
  write(chunk: string): unknown;
}

/**
 * What the commands need from the `vigil` CLI: the shape of `CliContext` in `@vigil/cli`, declared here
 * so the service does not depend on the CLI package.
 */
export interface CommandContext {
  io: { stdout: TextSink; stderr: TextSink; isTTY: boolean };
  /** Raises the process exit code (the highest wins). */
  setExitCode(code: number): void;
}

/** Prints `vigil: <what>: <reason>` on stderr (one line) and sets exit code 2. */
export function reportProblem(context: CommandContext, what: string, reason: string): void {
  context.io.stderr.write(`vigil: ${what}: ${reason.replace(/\s*\n\s*/g, ' ')}\n`);
  context.setExitCode(2);
}
