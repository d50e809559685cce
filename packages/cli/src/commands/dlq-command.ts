import { type Command, InvalidArgumentError, Option } from 'commander';
import { CliError } from '../cli-error';
import type { CliContext } from '../cli-io';
import {
  type DeadLetterQueue,
  describeVigilQueues,
  findQueue,
  listDeadLetterQueues,
  type QueueInfo,
} from './dlq-queues';
import { chooseReplayMethod, type ReplayMethod, replayDeadLetters } from './dlq-replay';
import { resolveSqsTarget, type SqsTarget } from './dlq-sqs-target';

type TargetFlags = { stage: string; endpointUrl?: string; region?: string; aws?: boolean };
type ListFlags = TargetFlags & { format?: 'jsonl' | 'table' };
type ReplayFlags = TargetFlags & {
  to?: string;
  max?: number;
  dryRun?: boolean;
  method: 'auto' | ReplayMethod;
};

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a positive integer');
  return parsed;
}

function withTargetOptions(command: Command): Command {
  return command
    .option('--stage <stage>', 'stage whose queues to use', 'dev')
    .option(
      '--endpoint-url <url>',
      'SQS endpoint (default: AWS_ENDPOINT_URL_SQS, else a running `vigil local up`)'
    )
    .option('--region <region>', 'AWS region (default: AWS_REGION, else us-east-1)')
    .option('--aws', 'use real AWS even when a local endpoint is configured');
}

function targetOf(flags: TargetFlags, context: CliContext): SqsTarget {
  const target = resolveSqsTarget({ endpointUrl: flags.endpointUrl, isAws: flags.aws, region: flags.region });
  const where =
    target.endpoint === undefined ? `AWS (${target.region})` : `${target.endpoint} (${target.region})`;
  context.io.stderr.write(`dlq: ${flags.stage} queues on ${where}\n`);
  return target;
}

function table(rows: string[][]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd()
    )
    .join('\n');
}

function printQueues(queues: DeadLetterQueue[], flags: ListFlags, context: CliContext): void {
  const asTable = flags.format === 'table' || (flags.format === undefined && context.io.isTTY);
  if (!asTable) {
    for (const queue of queues) {
      const sources = queue.sources.map((source) => source.name);
      context.io.stdout.write(
        `${JSON.stringify({ name: queue.name, url: queue.url, depth: queue.depth, inFlight: queue.inFlight, sources })}\n`
      );
    }
    return;
  }
  const rows = queues.map((queue) => [
    queue.name,
    String(queue.depth),
    String(queue.inFlight),
    queue.sources.map((source) => source.name).join(', ') || '-',
  ]);
  context.io.stdout.write(`${table([['DLQ', 'DEPTH', 'IN FLIGHT', 'REDRIVES FROM'], ...rows])}\n`);
}

/** `jobs-dlq` is short for `vigil-<stage>-jobs-dlq`; names and URLs are taken as they are. */
function queueName(nameOrUrl: string, stage: string): string {
  return /^https?:\/\//.test(nameOrUrl) || nameOrUrl.startsWith('vigil-')
    ? nameOrUrl
    : `vigil-${stage}-${nameOrUrl}`;
}

async function resolveDestination(target: SqsTarget, dlq: QueueInfo, flags: ReplayFlags) {
  const sources = (await describeVigilQueues(target.client)).filter(
    (queue) => queue.deadLetterTargetArn === dlq.arn
  );
  if (flags.to !== undefined) {
    const destination = await findQueue(target.client, queueName(flags.to, flags.stage));
    return { destination, isRedriveSource: sources.some((source) => source.arn === destination.arn) };
  }
  if (sources.length === 1 && sources[0] !== undefined)
    return { destination: sources[0], isRedriveSource: true };
  if (sources.length === 0)
    throw new CliError(
      dlq.name,
      'no queue redrives into it (it keeps failed Lambda or EventBridge deliveries); name the destination with --to <queue>'
    );
  throw new CliError(
    dlq.name,
    `several queues redrive into it (${sources.map((s) => s.name).join(', ')}); choose one with --to`
  );
}

async function replay(queue: string, flags: ReplayFlags, context: CliContext): Promise<void> {
  const target = targetOf(flags, context);
  const dlq = await findQueue(target.client, queueName(queue, flags.stage));
  const { destination, isRedriveSource } = await resolveDestination(target, dlq, flags);
  if (destination.arn === dlq.arn) throw new CliError(dlq.name, 'the destination is the DLQ itself');
  const method =
    flags.method === 'auto'
      ? chooseReplayMethod({ dlq, destination, max: flags.max, isLocal: target.isLocal, isRedriveSource })
      : flags.method;
  if (method === 'move-task' && flags.max !== undefined)
    throw new CliError('--max', 'a move task moves every message; use --method copy');
  const planned = Math.min(dlq.depth, flags.max ?? dlq.depth);
  if (flags.dryRun) {
    const summary = { dryRun: true, dlq: dlq.name, destination: destination.name, method, messages: planned };
    context.io.stdout.write(
      context.io.isTTY
        ? `would move ~${planned} message(s) from ${dlq.name} to ${destination.name} (${method})\n`
        : `${JSON.stringify(summary)}\n`
    );
    return;
  }
  const result = await replayDeadLetters(
    target.client,
    { dlq, destination, method, max: flags.max },
    (moved) => context.io.stderr.write(`dlq: ${moved} moved\n`)
  );
  for (const failure of result.failed)
    context.io.stderr.write(`vigil: ${dlq.name}: ${failure.messageId}: ${failure.reason}\n`);
  if (result.failed.length > 0 || result.notDeleted > 0) context.setExitCode(1);
  const summary = { dlq: dlq.name, destination: destination.name, ...result, failed: result.failed.length };
  context.io.stdout.write(
    !context.io.isTTY
      ? `${JSON.stringify(summary)}\n`
      : result.method === 'move-task'
        ? `move task ${result.taskHandle ?? ''} started: ${dlq.name} → ${destination.name} (~${planned} message(s))\n`
        : `moved ${result.moved} message(s) from ${dlq.name} to ${destination.name}` +
          `${result.failed.length > 0 ? `, ${result.failed.length} failed (left in the DLQ)` : ''}\n`
  );
}

/**
 * Adds `vigil dlq list` (the stage's DLQs with their depth and the queues that redrive into them) and
 * `vigil dlq replay <queue>` (moves a DLQ's messages back to their source queue).
 *
 * @example
 * ```ts
 * registerDlqCommands(program, context);
 * await program.parseAsync(['dlq', 'replay', 'jobs-dlq', '--max', '10'], { from: 'user' });
 * ```
 */
export function registerDlqCommands(program: Command, context: CliContext): void {
  const dlq = program.command('dlq').description("list and replay Vigil's dead-letter queues");
  withTargetOptions(
    dlq
      .command('list')
      .description(
        "the stage's DLQs (named vigil-…-<stage>-…dlq or tagged created-by: vigil) with their depth"
      )
      .addOption(
        new Option('--format <format>', 'jsonl or table (default: table on a TTY)').choices([
          'jsonl',
          'table',
        ])
      )
  ).action(async (flags: ListFlags) => {
    const target = targetOf(flags, context);
    printQueues(await listDeadLetterQueues(target.client, flags.stage), flags, context);
  });
  withTargetOptions(
    dlq
      .command('replay')
      .description(
        'move the messages of a DLQ back to its source queue (never deleting before the send succeeded)'
      )
      .argument('<queue>', 'DLQ name, URL, or short name (jobs-dlq = vigil-<stage>-jobs-dlq)')
      .option('--to <queue>', 'destination queue (default: the queue whose redrive policy names the DLQ)')
      .option('--max <n>', 'move at most n messages', positiveInteger)
      .option('--dry-run', 'say what would move, move nothing')
      .addOption(
        new Option(
          '--method <method>',
          'move-task (SQS StartMessageMoveTask), copy (receive → send → delete)'
        )
          .choices(['auto', 'move-task', 'copy'])
          .default('auto')
      )
  ).action(async (queue: string, flags: ReplayFlags) => replay(queue, flags, context));
}
