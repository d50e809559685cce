import { Command } from 'commander';
import { registerCommands } from '../../src/cli';
import { LocalDispatcher } from '../helpers/local-dispatcher';

const local = new LocalDispatcher();

async function vigil(...args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  const program = new Command('vigil').exitOverride();
  registerCommands(program, {
    io: {
      stdout: { write: (chunk: string) => (stdout += chunk) },
      stderr: { write: (chunk: string) => (stderr += chunk) },
    },
    setExitCode: (code) => {
      exitCode = Math.max(exitCode, code);
    },
  });
  await program.parseAsync(['node', 'vigil', ...args]);
  return { stdout, stderr, exitCode };
}

beforeAll(async () => {
  await local.start();
}, 60_000);

afterAll(async () => {
  await local.stop();
});

describe('vigil jobs (local cloud)', () => {
  it('schedules, gets, lists and cancels a job', async () => {
    // Prepare
    const due = new Date(Date.now() + 3_600_000).toISOString();

    // Act
    const scheduled = await vigil(
      'jobs',
      'schedule',
      '--id',
      'cli-1',
      '--due',
      due,
      '--source',
      'vigil.it',
      '--detail-type',
      'CLI Job',
      '--detail',
      '{"a":1}'
    );
    const got = await vigil('jobs', 'get', 'cli-1');
    const listed = await vigil('jobs', 'list', '--to', new Date(Date.now() + 7_200_000).toISOString());
    const cancelled = await vigil('jobs', 'cancel', 'cli-1');
    const gone = await vigil('jobs', 'get', 'cli-1');

    // Assess
    expect(scheduled.exitCode).toBe(0);
    expect(JSON.parse(scheduled.stdout)).toMatchObject({
      created: true,
      record: { jobId: 'cli-1', detail: { a: 1 } },
    });
    expect(JSON.parse(got.stdout)).toMatchObject({ jobId: 'cli-1', dueAt: due });
    expect(JSON.parse(listed.stdout).jobs.map((job: { jobId: string }) => job.jobId)).toEqual(['cli-1']);
    expect(JSON.parse(cancelled.stdout)).toMatchObject({ cancelled: { jobId: 'cli-1' } });
    expect(gone).toEqual({
      stdout: '',
      stderr: 'vigil: jobs get: no scheduled job with id cli-1\n',
      exitCode: 2,
    });
  });

  it('schedules a recurring job in a time zone', async () => {
    // Act
    const scheduled = await vigil(
      'jobs',
      'schedule',
      '--id',
      'cli-nightly',
      '--recurrence',
      'cron(0 2 * * ? *)',
      '--timezone',
      'Europe/Paris',
      '--source',
      'vigil.it',
      '--detail-type',
      'Nightly',
      '--flexible-window',
      '15'
    );

    // Assess
    const record = JSON.parse(scheduled.stdout).record;
    expect(record.recurrence).toEqual({ expression: 'cron(0 2 * * ? *)', timezone: 'Europe/Paris' });
    const offset = Date.parse(record.fireAt) - Date.parse(record.dueAt);
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(offset).toBeLessThan(15 * 60_000);
  });

  it('rejects a bad request with one clear line and exit code 2', async () => {
    // Act
    const badTime = await vigil(
      'jobs',
      'schedule',
      '--due',
      'tomorrow',
      '--source',
      's',
      '--detail-type',
      'd'
    );
    const badDetail = await vigil(
      'jobs',
      'schedule',
      '--due',
      '2031-01-01T00:00:00Z',
      '--source',
      's',
      '--detail-type',
      'd',
      '--detail',
      '{oops'
    );

    // Assess
    expect(badTime.exitCode).toBe(2);
    expect(badTime.stderr).toMatch(/^vigil: jobs schedule: job\.dueAt: .+\n$/);
    expect(badDetail).toMatchObject({
      exitCode: 2,
      stderr: 'vigil: jobs schedule: --detail: expected a JSON object, got text that is not JSON\n',
    });
  });
});
