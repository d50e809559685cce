import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { VigilAlertSchema } from '@vigil/event-schema';
import { loadEvent, RULES_DIR } from '../core/fixtures';
import {
  makeLogFolder,
  makeTwoRegionLogFolder,
  makeValidatedTrailFolder,
  runCli,
  writeCorruptLog,
} from './cli-helpers';

const SUMMARY =
  /^vigil scan: (\d+) files, (\d+) records, (\d+) alerts, (\d+) skipped, (\d+) errors, [\d.]+ s, \d+ records\/s$/;

function summaryOf(stderr: string): number[] {
  // On a TTY the progress line is erased in place (CR + erase-line) before the summary is written.
  const line = stderr.trimEnd().split('\n').pop()?.split('\u001b[2K').pop() ?? '';
  const match = SUMMARY.exec(line);
  if (match === null) throw new Error(`no summary line in: ${stderr}`);
  return match.slice(1, 6).map(Number);
}

describe('vigil scan', () => {
  it('prints one schema-valid alert per line and one summary line, exit 0', async () => {
    // Prepare
    const folder = makeLogFolder();

    // Act
    const run = await runCli(['scan', folder, '--no-builtin', '--rules', RULES_DIR]);

    // Assess
    const alerts = run.stdout
      .trimEnd()
      .split('\n')
      .map((line) => VigilAlertSchema.parse(JSON.parse(line)));
    expect(alerts.map((alert) => alert.ruleId)).toEqual([
      'fixture-cloudtrail-stopped',
      'fixture-sensitive-bucket-read',
      'fixture-root-console-login',
    ]);
    expect(alerts[0]?.actor.originalPrincipal).toBe('arn:aws:iam::123456789012:user/alice');
    expect(alerts[0]?.origin).toMatchObject({ kind: 'scan' });
    expect(summaryOf(run.stderr)).toEqual([2, 5, 3, 1, 0]);
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(run.exitCode).toBe(0);
  });

  it('scans a folder in delivery-time order across regions, so a key issued in us-east-1 resolves in eu-west-1', async () => {
    // Prepare
    const folder = makeTwoRegionLogFolder();

    const regions = path.join(folder, 'AWSLogs/123456789012/CloudTrail');

    // Act: the whole tree, and each region given on its own (eu-west-1 first)
    const runs = [
      await runCli(['scan', folder, '--no-builtin', '--rules', RULES_DIR]),
      await runCli([
        'scan',
        path.join(regions, 'eu-west-1'),
        path.join(regions, 'us-east-1'),
        '--no-builtin',
        '--rules',
        RULES_DIR,
      ]),
    ];

    // Assess
    for (const run of runs) {
      const [alert] = run.stdout
        .trimEnd()
        .split('\n')
        .map((line) => VigilAlertSchema.parse(JSON.parse(line)));
      expect(alert?.ruleId).toBe('fixture-cloudtrail-stopped');
      expect(alert?.actor.originalPrincipal).toBe('arn:aws:iam::123456789012:user/alice');
      expect(run.exitCode).toBe(0);
    }
  });

  it('verifies synced logs against their signed digests and still raises the alerts', async () => {
    // Prepare
    const { root, keysFile } = makeValidatedTrailFolder();

    // Act
    const run = await runCli(['scan', root, '--no-builtin', '--rules', RULES_DIR, '--public-keys', keysFile]);

    // Assess
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'vigil integrity: 2 log files verified, 0 not listed in a digest, 3 digests, 2 signatures verified, ' +
        '1 signed in S3 metadata only, 0 problems'
    );
    expect(summaryOf(run.stderr)).toEqual([2, 2, 2, 3, 0]);
    expect(run.exitCode).toBe(0);
  });

  it('reports a log modified after delivery with --verify-digests, exit 2', async () => {
    // Prepare: one record dropped from the first log, as someone covering their tracks would
    const { root, firstLog } = makeValidatedTrailFolder();
    writeFileSync(firstLog, gzipSync(JSON.stringify({ Records: [] })));

    // Act
    const run = await runCli(['scan', root, '--no-builtin', '--rules', RULES_DIR, '--verify-digests']);

    // Assess
    expect(run.stderr).toContain(
      `vigil: ${firstLog}: integrity: modified after delivery (its SHA-256 differs`
    );
    expect(run.stderr).toContain('1 log files verified');
    expect(run.exitCode).toBe(2);
  });

  it('reports an unreadable public-keys file on one line and scans nothing, exit 2', async () => {
    // Prepare
    const { root } = makeValidatedTrailFolder();

    // Act
    const run = await runCli(['scan', root, '--public-keys', path.join(root, 'absent.json')]);

    // Assess
    expect(run.stderr).toBe(`vigil: ${path.join(root, 'absent.json')}: no such file or directory\n`);
    expect(run.stdout).toBe('');
    expect(run.exitCode).toBe(2);
  });

  it('reports each bad input on one line, scans the others, exit 2', async () => {
    // Prepare
    const folder = makeLogFolder();
    const corrupt = writeCorruptLog(folder);

    // Act
    const run = await runCli([
      'scan',
      folder,
      `${folder}/missing.json`,
      '--no-builtin',
      '--rules',
      RULES_DIR,
    ]);

    // Assess
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toContain(`vigil: ${folder}/missing.json: no such file or directory`);
    expect(lines.some((line) => line.startsWith(`vigil: ${corrupt}: not a valid gzip stream`))).toBe(true);
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(3);
    expect(summaryOf(run.stderr)[4]).toBe(2);
    expect(run.exitCode).toBe(2);
  });

  it('exits 1 when --fail-on is reached and 0 when it is not', async () => {
    // Prepare
    const folder = makeLogFolder();

    // Act
    const critical = await runCli([
      'scan',
      folder,
      '--no-builtin',
      '--rules',
      RULES_DIR,
      '--fail-on',
      'CRITICAL',
    ]);
    const quiet = await runCli([
      'scan',
      `${folder}/AWSLogs/123456789012/CloudTrail/us-east-1/2024/05/01/extra.jsonl`,
      '--no-builtin',
      '--rules',
      RULES_DIR,
      '--fail-on',
      'LOW',
    ]);

    // Assess
    expect(critical.exitCode).toBe(1);
    expect(quiet.exitCode).toBe(0);
    expect(quiet.stdout).toBe('');
  });

  it('reads standard input and prints a table on a TTY', async () => {
    // Prepare
    const stdin = Readable.from([Buffer.from(JSON.stringify([loadEvent('stop-logging')]))]);

    // Act
    const run = await runCli(['scan', '-', '--no-builtin', '--rules', RULES_DIR], { isTTY: true, stdin });

    // Assess
    const [header, row] = run.stdout.split('\n');
    expect(header).toMatch(/^SEVERITY\s+EVENT TIME\s+RULE/);
    expect(row).toMatch(/^HIGH\s+2024-05-01T10:05:00Z\s+fixture-cloudtrail-stopped\s+cloudtrail:StopLogging/);
    expect(summaryOf(run.stderr).slice(0, 3)).toEqual([1, 1, 1]);
    expect(run.stderr).toContain('scanning -: ');
  });

  it('reports a bad rule file and exits 2 without scanning', async () => {
    // Act
    const run = await runCli([
      'scan',
      makeLogFolder(),
      '--no-builtin',
      '--rules',
      `${RULES_DIR}/../bad-rules`,
    ]);

    // Assess
    expect(run.stderr).toMatch(/^vigil: .*bad-severity\.yml: fixture-bad: severity: .*\n$/);
    expect(run.stdout).toBe('');
    expect(run.exitCode).toBe(2);
  });

  it('reports an input over the size cap as an error', async () => {
    // Act
    const run = await runCli([
      'scan',
      makeLogFolder(),
      '--no-builtin',
      '--rules',
      RULES_DIR,
      '--max-uncompressed-bytes',
      '1k',
    ]);

    // Assess
    expect(run.stderr).toMatch(/: uncompressed log exceeds 1024 bytes\n/);
    expect(run.exitCode).toBe(2);
  });
});
