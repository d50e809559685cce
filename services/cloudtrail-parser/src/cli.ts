import { type Command, InvalidArgumentError, Option } from 'commander';
import { SEVERITIES, type Severity } from './core/rule';
import type { CommandContext } from './core/scan/command-context';
import { rulesCheckCommand, rulesListCommand, rulesTestCommand } from './core/scan/rules-commands';
import { scanCommand } from './core/scan/scan-command';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseByteCount(value: string): number {
  const match = /^(\d+)([kmg]i?b?)?$/i.exec(value.trim());
  if (match === null) {
    throw new InvalidArgumentError('expected a byte count such as 536870912, 512m or 2g');
  }
  const unit = (match[2] ?? '').charAt(0).toLowerCase();
  const scale = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Number(match[1]) * scale;
}

function defaultContext(): CommandContext {
  return {
    io: {
      stdout: process.stdout,
      stderr: process.stderr,
      isTTY: process.stdout.isTTY === true,
      stderrIsTTY: process.stderr.isTTY === true,
      stdin: process.stdin,
    },
    setExitCode: (code) => {
      process.exitCode = Math.max(Number(process.exitCode ?? 0), code);
    },
  };
}

/**
 * Registers `vigil scan`, `vigil rules check|test|list` and `vigil backfill` on the root program. `context`
 * is the `CliContext` of `@vigil/cli` (io, exit code); without one, the process streams are used.
 */
export function registerCommands(program: Command, context: CommandContext = defaultContext()): void {
  registerScanCommands(program, context);
  // Required here, not imported at the top: backfill brings the AWS SDK, which `vigil scan` never needs
  // (the launcher registers only the scan commands for `vigil scan|rules`, see packages/cli/bin/vigil.cjs).
  const { registerBackfillCommand } = require('./backfill-command') as typeof import('./backfill-command');
  registerBackfillCommand(program, context);
}

/**
 * Registers only `vigil scan` and `vigil rules check|test|list`: what an incident responder runs offline,
 * without loading any AWS SDK or powertools module (peak memory of a scan stays low).
 */
export function registerScanCommands(program: Command, context: CommandContext = defaultContext()): void {
  const ruleOptions = (command: Command): Command =>
    command
      .option('--rules <path>', 'native (or Sigma) rule file or folder; repeatable', collect, [])
      .option('--sigma <path>', 'Sigma rule file or folder; repeatable', collect, [])
      .option('--no-builtin', 'leave out the built-in rule pack');

  ruleOptions(
    program
      .command('scan')
      .description('scan CloudTrail logs (.json.gz, .json, .jsonl, folders, - for stdin) and print alerts')
      .argument('<paths...>', 'log files, folders (recursive) or - for standard input')
  )
    .addOption(
      new Option('--format <format>', 'output format (default: table on a TTY, else jsonl)').choices([
        'jsonl',
        'table',
      ])
    )
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when an alert of this severity or higher is raised').choices(
        [...SEVERITIES]
      )
    )
    .option(
      '--max-uncompressed-bytes <bytes>',
      "cap on one input's uncompressed size (e.g. 512m, 2g)",
      parseByteCount
    )
    .option(
      '--verify-digests',
      'check the logs against the CloudTrail digest files among the inputs (modified, missing, chain holes)'
    )
    .option(
      '--public-keys <file>',
      'output of aws cloudtrail list-public-keys: also verify digest signatures (implies --verify-digests)'
    )
    .action(async (paths: string[], options: Record<string, unknown>) => {
      await scanCommand(
        paths,
        {
          rules: options.rules as string[],
          sigma: options.sigma as string[],
          builtin: options.builtin as boolean,
          format: options.format as 'jsonl' | 'table' | undefined,
          failOn: options.failOn as Severity | undefined,
          maxUncompressedBytes: options.maxUncompressedBytes as number | undefined,
          verifyDigests: options.verifyDigests as boolean | undefined,
          publicKeysFile: options.publicKeys as string | undefined,
        },
        context
      );
    });

  const rules = program.command('rules').description('check, test and list detection rules');
  rules
    .command('check')
    .description('validate native or Sigma rule files; exit 2 on any failure')
    .argument('<paths...>', 'rule files or folders')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'jsonl']))
    .action(async (paths: string[], options: { format?: 'text' | 'jsonl' }) => {
      await rulesCheckCommand(paths, { format: options.format }, context);
    });
  rules
    .command('test')
    .description('run the test events embedded in rules (default: the built-in pack)')
    .argument('[paths...]', 'rule files or folders')
    .action(async (paths: string[]) => {
      await rulesTestCommand(paths, context);
    });
  ruleOptions(rules.command('list').description('list the rules a scan would run'))
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'jsonl']))
    .action(async (options: Record<string, unknown>) => {
      await rulesListCommand(
        {
          rules: options.rules as string[],
          sigma: options.sigma as string[],
          builtin: options.builtin as boolean,
          format: options.format as 'table' | 'jsonl' | undefined,
        },
        context
      );
    });
}
