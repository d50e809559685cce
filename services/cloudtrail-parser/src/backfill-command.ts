import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Command } from 'commander';
import { createFileCheckpointStore } from './adapters/backfill-checkpoint-file';
import { createBackfillClients } from './adapters/backfill-clients';
import { loadProgressBar, type ProgressBarFactory } from './adapters/backfill-progress-bar';
import { createS3BackfillLister } from './adapters/backfill-s3-lister';
import { createSqsMessageSender, resolveQueueUrl } from './adapters/backfill-sqs-sender';
import { BackfillCheckpoint, type CheckpointStore } from './core/backfill/backfill-checkpoint';
import {
  type BackfillScope,
  checkRange,
  parseAccounts,
  parseDateBound,
  parseList,
  parseRate,
  parseRegions,
  parseS3Url,
} from './core/backfill/backfill-scope';
import type { CloudTrailFolderKind } from './core/backfill/cloudtrail-key';
import { InvalidBackfillOptionError } from './core/backfill/errors';
import {
  estimateBackfill,
  formatBackfillPlan,
  formatBackfillSummary,
  formatProgressDetail,
} from './core/backfill/format-backfill';
import { planBackfill } from './core/backfill/plan-backfill';
import { type BackfillResult, runBackfill } from './core/backfill/run-backfill';
import { systemClock } from './core/backfill/token-bucket';
import type { CommandContext } from './core/scan/command-context';
import { reportProblem } from './core/scan/command-context';
import { CloudTrailParserError } from './errors';

/** The options of `vigil backfill`, as commander gives them. */
export interface BackfillCommandOptions {
  stage?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  accounts?: string[] | undefined;
  regions?: string[] | undefined;
  rate?: string | undefined;
  queueUrl?: string | undefined;
  checkpoint?: string | undefined;
  dryRun?: boolean | undefined;
  originTopic?: string | undefined;
  insights?: boolean | undefined;
  digests?: boolean | undefined;
  json?: boolean | undefined;
}

/** The AWS side of the command (local-cloud or AWS through `AWS_ENDPOINT_URL_*`; tests pass their own). */
export interface BackfillClients {
  s3: S3Client;
  sqs: SQSClient;
  progressBar?: ProgressBarFactory | undefined;
  signal?: AbortSignal | undefined;
}

/** The parser stack's log-file queue for a stage (serverless.yml `LogFileQueue`). */
export function parserQueueName(stage: string): string {
  return `vigil-${stage}-cloudtrail-log-files`;
}

function scopeOf(target: string, options: BackfillCommandOptions): BackfillScope {
  const since = options.since === undefined ? undefined : parseDateBound(options.since, 'since');
  const until = options.until === undefined ? undefined : parseDateBound(options.until, 'until');
  checkRange(since, until);
  const kinds: CloudTrailFolderKind[] = ['log'];
  if (options.insights) kinds.push('insight');
  if (options.digests) kinds.push('digest');
  return {
    ...parseS3Url(target),
    since,
    until,
    accounts: parseAccounts(options.accounts ?? []),
    regions: parseRegions(options.regions ?? []),
    kinds,
  };
}

async function queueUrlOf(options: BackfillCommandOptions, sqs: SQSClient): Promise<string> {
  if (options.queueUrl !== undefined) return options.queueUrl;
  if (options.stage === undefined)
    throw new InvalidBackfillOptionError('--stage', 'required (or give --queue-url)');
  try {
    return await resolveQueueUrl(sqs, parserQueueName(options.stage));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidBackfillOptionError(
      '--stage',
      `no queue ${parserQueueName(options.stage)} (${reason}); is the parser deployed to this stage?`
    );
  }
}

/**
 * `vigil backfill`: plans, then (unless `--dry-run`) enqueues the CloudTrail objects of a bucket for the
 * deployed parser. Returns the run's result (undefined for a dry run or a bad option).
 */
export async function backfillCommand(
  target: string,
  options: BackfillCommandOptions,
  context: CommandContext,
  clients: BackfillClients = defaultClients()
): Promise<BackfillResult | undefined> {
  const { io } = context;
  try {
    const scope = scopeOf(target, options);
    const ratePerSecond = options.rate === undefined ? undefined : parseRate(options.rate);
    if (options.originTopic !== undefined && !/^arn:aws[a-z-]*:sns:/.test(options.originTopic)) {
      throw new InvalidBackfillOptionError(
        '--origin-topic',
        `expected an SNS topic ARN, got "${options.originTopic}"`
      );
    }
    const store: CheckpointStore = createFileCheckpointStore(
      options.checkpoint ?? '.vigil-backfill-checkpoint.json'
    );
    const queueUrl = options.dryRun ? options.queueUrl : await queueUrlOf(options, clients.sqs);
    const checkpoint = BackfillCheckpoint.open(await store.load(), { bucket: scope.bucket, queueUrl });
    const lister = createS3BackfillLister(clients.s3);
    const plan = await planBackfill(scope, { lister, checkpoint });
    if (options.dryRun || queueUrl === undefined) {
      const estimate = estimateBackfill(scope, plan);
      io.stdout.write(options.json ? `${JSON.stringify(estimate)}\n` : formatBackfillPlan(plan, estimate));
      return undefined;
    }
    const bar = (clients.progressBar ?? loadProgressBar())?.({
      stream: io.stderr,
      isTTY: io.stderrIsTTY ?? io.isTTY,
      label: 'backfill',
      total: plan.objects,
    });
    const region = await clients.s3.config.region();
    const result = await runBackfill(
      scope,
      plan,
      {
        lister,
        sender: createSqsMessageSender(clients.sqs, queueUrl),
        checkpoint,
        store,
        clock: systemClock,
        onProgress: (progress) => bar?.update(progress.objects, formatProgressDetail(progress, plan)),
      },
      { ratePerSecond, region, alertTopicArn: options.originTopic, signal: clients.signal }
    ).finally(() => bar?.stop());
    io.stderr.write(formatBackfillSummary(result, options.checkpoint));
    if (result.isInterrupted) context.setExitCode(130);
    return result;
  } catch (error) {
    if (!(error instanceof CloudTrailParserError)) throw error;
    reportProblem(context, 'backfill', error.message);
    context.setExitCode(2);
    return undefined;
  }
}

function defaultClients(): BackfillClients {
  // Ctrl-C stops after the batch in flight, with the checkpoint saved; a second one kills as usual.
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  return {
    ...createBackfillClients(),
    signal: controller.signal,
  };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, ...parseList([value])];
}

/**
 * Registers `vigil backfill` (F1's `registerCommands` calls it; the lead wires it in `cli.ts`).
 *
 * @example registerBackfillCommand(program, context)
 */
export function registerBackfillCommand(program: Command, context?: CommandContext): void {
  const ctx: CommandContext = context ?? {
    io: {
      stdout: process.stdout,
      stderr: process.stderr,
      isTTY: process.stdout.isTTY === true,
      stderrIsTTY: process.stderr.isTTY === true,
    },
    setExitCode: (code) => {
      process.exitCode = Math.max(Number(process.exitCode ?? 0), code);
    },
  };
  program
    .command('backfill')
    .description("send past CloudTrail log objects to the deployed parser's queue (resumable, rate-limited)")
    .argument('<target>', 's3://<bucket>/<prefix> where the trail writes (the folder holding AWSLogs/)')
    .option('--stage <stage>', "the parser's stage: its queue is vigil-<stage>-cloudtrail-log-files")
    .option('--since <date>', 'first day (YYYY-MM-DD) or time (ISO, with zone) to backfill')
    .option('--until <date>', 'last day (inclusive) or time to backfill')
    .option('--accounts <ids>', 'only these account ids (comma-separated, repeatable)', collect, [])
    .option('--regions <names>', 'only these regions (comma-separated, repeatable)', collect, [])
    .option('--rate <n/s>', 'objects per second (e.g. 50/s, 3000/m); default as fast as SQS takes them')
    .option('--queue-url <url>', "the queue to send to instead of the stage's parser queue")
    .option('--checkpoint <file>', 'resumable checkpoint file', '.vigil-backfill-checkpoint.json')
    .option(
      '--dry-run',
      'print the plan (objects, bytes, estimated records, Lambda GB-s and $) and send nothing'
    )
    .option('--origin-topic <arn>', 'SNS topic the parser should publish these backfilled alerts to')
    .option('--insights', 'also send CloudTrail-Insight files')
    .option('--digests', 'also send CloudTrail-Digest files (they hold no records)')
    .option('--json', 'print the dry-run plan as one JSON object')
    .action(async (target: string, options: BackfillCommandOptions) => {
      await backfillCommand(target, options, ctx);
    });
}
