import { type Command, Option } from 'commander';
import type { CommandContext } from './commands/command-context';
import { compileCommand } from './commands/compile-command';
import { createStatusClient, type StatusOptions, statusCommand } from './commands/status-command';

function defaultContext(): CommandContext {
  return {
    io: { stdout: process.stdout, stderr: process.stderr, isTTY: process.stdout.isTTY === true },
    setExitCode: (code) => {
      process.exitCode = Math.max(Number(process.exitCode ?? 0), code);
    },
  };
}

/**
 * Registers `vigil choreography compile <file> [--mermaid|--rules]` and `vigil choreography status
 * <correlation id>` on the root program. `context` is the `CliContext` of `@vigil/cli` (io, exit code).
 */
export function registerCommands(program: Command, context: CommandContext = defaultContext()): void {
  const choreography = program
    .command('choreography')
    .description('declared event choreographies, run as Step Functions workflows');
  choreography
    .command('compile')
    .description('validate a choreography file and print its ASL definition (or diagram, or rules)')
    .argument('<file>', 'a choreographies/<name>.yml file')
    .option('--mermaid', 'print a Mermaid state diagram instead')
    .option('--rules', 'print the EventBridge rules (start, forward) instead')
    .action((file: string, options: { mermaid?: boolean; rules?: boolean }) => {
      compileCommand(file, options, context);
    });
  choreography
    .command('status')
    .description('print the path a workflow took so far, with timings (local cloud by default)')
    .argument('<correlationId>', 'the correlation id, e.g. an order id')
    .option('--choreography <name>', 'only this choreography')
    .option('--stage <stage>', 'read the deployed stage (AWS credentials) instead of the local cloud')
    .option('--region <region>', 'AWS region with --stage')
    .option('--state-dir <dir>', 'local cloud state folder (default: <repo>/.vigil/local)')
    .option('--dir <dir>', 'choreographies folder (default: the built-in ones)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (correlationId: string, options: StatusOptions) => {
      let client: ReturnType<typeof createStatusClient>;
      try {
        client = createStatusClient(options);
      } catch (error) {
        context.io.stderr.write(`vigil: ${error instanceof Error ? error.message : String(error)}\n`);
        context.setExitCode(2);
        return;
      }
      try {
        await statusCommand(correlationId, options, context, client);
      } finally {
        client.destroy();
      }
    });
}
