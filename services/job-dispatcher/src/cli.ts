import { randomUUID } from 'node:crypto';
import { formatValidationError } from '@vigil/event-schema';
import type { Command } from 'commander';
import { DynamoDbJobRepository } from './adapters/dynamodb-job-repository';
import { resolveJobsTarget } from './cli/jobs-target';
import { type JobsApiRequest, JobsApiRequestSchema } from './core/jobs-api-request';
import { cancelJob, getJob, listJobs, type ManageJobsDeps, scheduleJob } from './core/manage-jobs';
import { JobDispatcherError } from './errors';

type TextSink = { write(chunk: string): unknown };
/** The parts of `@vigil/cli`'s `CliContext` these commands use. */
export type JobsCliContext = { io: { stdout: TextSink; stderr: TextSink }; setExitCode(code: number): void };

const defaultContext = (): JobsCliContext => ({
  io: { stdout: process.stdout, stderr: process.stderr },
  setExitCode: (code) => {
    process.exitCode = Math.max(Number(process.exitCode ?? 0), code);
  },
});

type Common = { stage?: string; targetBus?: string[] };

/** Runs one request against the target and prints the result as JSON; bad requests exit 2 with the reason. */
async function run(what: string, raw: unknown, options: Common, context: JobsCliContext): Promise<void> {
  const parsed = JobsApiRequestSchema.safeParse(raw);
  if (!parsed.success) {
    context.io.stderr.write(`vigil: jobs ${what}: ${formatValidationError(parsed.error)}\n`);
    context.setExitCode(2);
    return;
  }
  try {
    const target = resolveJobsTarget({ stage: options.stage });
    const deps: ManageJobsDeps = {
      repository: new DynamoDbJobRepository(target.client, target.tableName),
      clock: () => new Date(),
      generateId: randomUUID,
      allowedBuses: [target.busName, ...(options.targetBus ?? [])],
    };
    const result = await execute(parsed.data, deps);
    target.client.destroy();
    context.io.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    context.io.stderr.write(`vigil: jobs ${what}: ${reason}\n`);
    context.setExitCode(error instanceof JobDispatcherError ? 2 : 1);
  }
}

async function execute(request: JobsApiRequest, deps: ManageJobsDeps): Promise<unknown> {
  switch (request.action) {
    case 'schedule':
      return scheduleJob(request.job, deps);
    case 'cancel':
      return { cancelled: await cancelJob(request.jobId, deps) };
    case 'get':
      return getJob(request.jobId, deps);
    case 'list':
      return {
        jobs: await listJobs(
          { from: new Date(request.from), to: new Date(request.to), limit: request.limit },
          deps
        ),
      };
  }
}

function parseDetail(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * Registers `vigil jobs schedule|cancel|get|list`: against the running local cloud by default, or a deployed
 * stage with `--stage`. Output is JSON on stdout; a bad request prints `vigil: jobs <cmd>: <reason>` and exits 2.
 */
export function registerCommands(program: Command, context: JobsCliContext = defaultContext()): void {
  const jobs = program.command('jobs').description('schedule, cancel, get and list dispatcher jobs');
  const withTarget = (command: Command) =>
    command.option('--stage <stage>', 'a deployed stage (default: the local cloud)');
  withTarget(jobs.command('schedule').description('schedule a job (idempotent by --id)'))
    .option('--id <jobId>', 'job id (default: generated)')
    .option('--due <time>', 'due time, ISO 8601 with Z or an offset')
    .option('--recurrence <expression>', 'at(...), rate(...) or cron(...) (EventBridge Scheduler syntax)')
    .option('--timezone <zone>', 'IANA time zone of the recurrence')
    .option('--start <time>', 'recurrence start')
    .option('--end <time>', 'recurrence end')
    .requiredOption('--source <source>', 'event source')
    .requiredOption('--detail-type <detailType>', 'event detail-type')
    .option('--detail <json>', 'event detail (JSON object)', '{}')
    .option('--bus <name>', "target bus (default: the stage's bus)")
    .option(
      '--target-bus <name>',
      'a bus the dispatcher may publish to besides the stage bus; repeatable',
      collect,
      []
    )
    .option('--flexible-window <minutes>', 'spread the dispatch within this many minutes', Number)
    .option('--jitter <seconds>', 'add up to this many seconds', Number)
    .option('--max-attempts <n>', 'delivery attempts before the DLQ', Number)
    .option('--max-age <seconds>', 'max event age before the DLQ', Number)
    .action(async (options: Record<string, string | number | string[] | undefined> & Common) => {
      const recurrence =
        options.recurrence === undefined
          ? undefined
          : {
              expression: options.recurrence,
              timezone: options.timezone,
              start: options.start,
              end: options.end,
            };
      const detail = parseDetail(String(options.detail));
      if (!detail.ok) {
        context.io.stderr.write(
          'vigil: jobs schedule: --detail: expected a JSON object, got text that is not JSON\n'
        );
        context.setExitCode(2);
        return;
      }
      const job = {
        jobId: options.id,
        dueAt: options.due,
        source: options.source,
        detailType: options.detailType,
        detail: detail.value,
        targetBus: options.bus,
        recurrence,
        flexibleWindowMinutes: options.flexibleWindow,
        jitterSeconds: options.jitter,
        maxAttempts: options.maxAttempts,
        maxEventAgeSeconds: options.maxAge,
      };
      const defined = Object.fromEntries(Object.entries(job).filter(([, value]) => value !== undefined));
      await run('schedule', { action: 'schedule', job: defined }, options, context);
    });
  withTarget(jobs.command('cancel').description('cancel a job by id').argument('<jobId>')).action(
    (jobId: string, options: Common) => run('cancel', { action: 'cancel', jobId }, options, context)
  );
  withTarget(jobs.command('get').description('show a job by id').argument('<jobId>')).action(
    (jobId: string, options: Common) => run('get', { action: 'get', jobId }, options, context)
  );
  withTarget(jobs.command('list').description('list jobs due in a time range'))
    .option('--from <time>', 'range start (default: now)')
    .option('--to <time>', 'range end (default: in 24 hours)')
    .option('--limit <n>', 'at most this many jobs', Number, 100)
    .action((options: Common & { from?: string; to?: string; limit: number }) => {
      const from = options.from ?? new Date().toISOString();
      const to = options.to ?? new Date(Date.parse(from) + 86_400_000).toISOString();
      return run('list', { action: 'list', from, to, limit: options.limit }, options, context);
    });
}
