import type { Command, CommanderError } from 'commander';
import { CliError, USER_ERROR_EXIT_CODE } from './cli-error';
import type { CliContext, CliIo } from './cli-io';
import { createProgram, outputTo } from './create-program';
import { loadRegistrars, type Registrar } from './registry';

/** Exit code of a bug (anything that is not a user error). */
export const INTERNAL_ERROR_EXIT_CODE = 1;

/** Options of {@link runCli}. */
export type RunCliOptions = {
  /** Command registrars; by default every installed service's (see `registry.ts`). */
  registrars?: readonly Registrar[] | undefined;
};

/** A commander usage error, with the command it happened in. */
class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    readonly command: Command,
    readonly commanderError: CommanderError
  ) {
    super(commanderError.message, { cause: commanderError });
  }
}

/**
 * Runs `vigil` with `argv` (the arguments after the program name) and resolves to the exit code, never
 * throwing. A user error (`CliError`, a usage error) prints `vigil: <what>: <reason>` on one line and gives 2;
 * anything else prints `vigil: internal error: <message>` and gives 1. Stacks only with `--debug`.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, isTTY: false });
 * ```
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  options: RunCliOptions = {}
): Promise<number> {
  const endOfOptions = argv.indexOf('--');
  // Read from argv, not commander: the flag must work even when parsing itself fails.
  const debug = (endOfOptions === -1 ? argv : argv.slice(0, endOfOptions)).includes('--debug');
  let exitCode = 0;
  const context: CliContext = {
    io,
    setExitCode: (code) => {
      exitCode = Math.max(exitCode, code);
    },
    isDebug: () => debug,
  };
  try {
    const program = createProgram(io);
    // `--version` needs no service code, so it works even while a service's command module is broken.
    const versionOnly = argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V');
    const registrars = options.registrars ?? (versionOnly ? [] : loadRegistrars());
    for (const register of registrars) register(program, context);
    routeErrors(program, io);
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return USER_ERROR_EXIT_CODE;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io, debug);
  }
}

/** Every command (services may `addCommand` pre-built ones) throws instead of exiting, and writes to `io`. */
function routeErrors(command: Command, io: CliIo): void {
  command.exitOverride((error) => {
    throw new UsageError(command, error);
  });
  command.configureOutput(outputTo(io));
  for (const sub of command.commands) routeErrors(sub, io);
}

function reportError(error: unknown, io: CliIo, debug: boolean): number {
  if (error instanceof UsageError) return reportUsageError(error, io, debug);
  if (error instanceof CliError) {
    io.stderr.write(`vigil: ${oneLine(error.message)}\n`);
    if (debug) io.stderr.write(describeStack(error));
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`vigil: internal error: ${oneLine(message)}\n`);
  if (debug) io.stderr.write(describeStack(error));
  return INTERNAL_ERROR_EXIT_CODE;
}

function reportUsageError({ command, commanderError }: UsageError, io: CliIo, debug: boolean): number {
  const { code } = commanderError;
  if (code === 'commander.helpDisplayed' || code === 'commander.version') return 0;
  // A command group run without a subcommand: commander already printed its help to stderr.
  if (code === 'commander.help') return commanderError.exitCode === 0 ? 0 : USER_ERROR_EXIT_CODE;
  const reason = oneLine(commanderError.message.replace(/^error: /, ''));
  // With no subcommands registered (no service installed yet), commander sees a command name as an extra argument.
  const orphan =
    code === 'commander.excessArguments' && command.parent === null && command.commands.length === 0
      ? command.args[0]
      : undefined;
  const unknownCommand =
    orphan === undefined ? /^unknown command '([^']+)'(.*)$/.exec(reason) : ['', orphan, ''];
  if (unknownCommand) {
    const hint = unknownCommand[2]?.trim() || `(see 'vigil ${commandPath(command, true)}--help')`;
    io.stderr.write(`vigil: ${unknownCommand[1]}: unknown command ${hint}\n`);
  } else {
    io.stderr.write(`vigil: ${commandPath(command, false) || 'usage'}: ${reason}\n`);
  }
  if (debug) io.stderr.write(describeStack(commanderError));
  return USER_ERROR_EXIT_CODE;
}

/** `rules check` for the `check` subcommand of `rules` (the root's own name left out). */
function commandPath(command: Command, withTrailingSpace: boolean): string {
  const names: string[] = [];
  for (let current: Command | null = command; current?.parent; current = current.parent)
    names.unshift(current.name());
  const path = names.join(' ');
  return withTrailingSpace && path ? `${path} ` : path;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function describeStack(error: unknown): string {
  const lines: string[] = [];
  for (let current: unknown = error, depth = 0; current !== undefined && depth < 5; depth++) {
    if (!(current instanceof Error)) {
      lines.push(`caused by: ${String(current)}`);
      break;
    }
    lines.push(
      depth === 0 ? (current.stack ?? current.message) : `caused by: ${current.stack ?? current.message}`
    );
    current = current.cause;
  }
  return `${lines.join('\n')}\n`;
}
