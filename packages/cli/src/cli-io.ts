/** Anything text can be written to (a stream, or a buffer in tests). */
export type TextSink = { write(chunk: string): unknown };

/**
 * Where the CLI writes: data on `stdout`, messages and progress on `stderr`. `isTTY` says whether stdout is
 * a terminal (table vs JSON lines); `stderrIsTTY` (default: `isTTY`) whether progress may be drawn.
 */
export type CliIo = {
  stdout: TextSink;
  stderr: TextSink;
  isTTY: boolean;
  stderrIsTTY?: boolean | undefined;
  stdin?: NodeJS.ReadableStream | undefined;
};

/** What a service's `registerCommands(program, context)` may use besides commander's `program`. */
export type CliContext = {
  io: CliIo;
  /** Raises the process exit code (the highest code set wins), e.g. `1` when `--fail-on` was reached. */
  setExitCode(code: number): void;
  /** Whether `--debug` was given (show stacks, extra detail). */
  isDebug(): boolean;
};
