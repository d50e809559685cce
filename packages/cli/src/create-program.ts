import { Command } from 'commander';
import type { CliIo } from './cli-io';
import { CLI_VERSION } from './cli-version';

/**
 * The root `vigil` program: name, version, `--debug`, and output through `io`. Services add subcommands.
 *
 * @example
 * ```ts
 * const program = createProgram(io);
 * program.command('hello').action(() => io.stdout.write('hi\n'));
 * ```
 */
export function createProgram(io: CliIo): Command {
  return new Command('vigil')
    .description(
      'Vigil: a serverless watch for AWS estates (CloudTrail detection, jobs, findings, choreographies)'
    )
    .version(CLI_VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--debug', 'show stack traces and extra detail on errors')
    .configureOutput(outputTo(io));
}

/**
 * Commander output through `io`. Commander's own error text is dropped: `runCli` prints every error itself,
 * as one `vigil: <what>: <reason>` line.
 */
export function outputTo(io: CliIo) {
  return {
    writeOut: (text: string) => {
      io.stdout.write(text);
    },
    writeErr: (text: string) => {
      io.stderr.write(text);
    },
    outputError: () => undefined,
  };
}
