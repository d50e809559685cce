import { runCli } from './run-cli';

/**
 * The `vigil` process entry (see `bin/vigil.cjs`): real streams, exit code set, never `process.exit`
 * (so piped output is flushed and long-running commands such as `vigil local up` can keep the process alive).
 *
 * @example
 * ```ts
 * main(process.argv.slice(2));
 * ```
 */
export async function main(argv: readonly string[]): Promise<void> {
  process.exitCode = await runCli(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    stdin: process.stdin,
  });
}
