import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Command } from 'commander';
import { registerCommands } from '../../../src/cli';
import { createDigestChain, createSigningKey, logKey } from '../../helpers/digest-chain';
import { loadEvent } from '../core/fixtures';

export interface CliRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs `vigil <args>` through `registerCommands` with captured output. */
export async function runCli(
  args: string[],
  options: { isTTY?: boolean; stdin?: NodeJS.ReadableStream } = {}
): Promise<CliRun> {
  const output = { stdout: '', stderr: '', exitCode: 0 };
  const program = new Command('vigil').exitOverride();
  registerCommands(program, {
    io: {
      stdout: { write: (chunk: string) => (output.stdout += chunk) },
      stderr: { write: (chunk: string) => (output.stderr += chunk) },
      isTTY: options.isTTY ?? false,
      stdin: options.stdin,
    },
    setExitCode: (code) => {
      output.exitCode = Math.max(output.exitCode, code);
    },
  });
  await program.parseAsync(args, { from: 'user' });
  return output;
}

/**
 * A folder shaped like an `aws s3 sync` of a trail: a gzipped log with a trail stop and a root login, a JSON
 * lines file, a digest file, a corrupt gzip and an unrelated text file.
 */
export function makeLogFolder(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'vigil-scan-'));
  const logs = path.join(root, 'AWSLogs/123456789012/CloudTrail/us-east-1/2024/05/01');
  const digests = path.join(root, 'AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2024/05/01');
  mkdirSync(logs, { recursive: true });
  mkdirSync(digests, { recursive: true });
  const records = ['assume-role', 'stop-logging', 's3-get-object', 'console-login-root'].map(loadEvent);
  writeFileSync(
    path.join(logs, '123456789012_CloudTrail_us-east-1_20240501T1005Z_a.json.gz'),
    gzipSync(JSON.stringify({ Records: records }))
  );
  writeFileSync(path.join(logs, 'extra.jsonl'), `${JSON.stringify(loadEvent('describe-instances'))}\n`);
  writeFileSync(
    path.join(digests, '123456789012_CloudTrail-Digest_us-east-1_t_us-east-1_20240501T1100Z.json.gz'),
    gzipSync('{}')
  );
  writeFileSync(path.join(logs, 'notes.txt'), 'not a log');
  return root;
}

export function writeCorruptLog(dir: string): string {
  const file = path.join(dir, 'corrupt.json.gz');
  const bytes = gzipSync(JSON.stringify({ Records: [loadEvent('stop-logging')] }));
  bytes.fill(0x41, 15, 40);
  writeFileSync(file, bytes);
  return file;
}

/**
 * A trail synced from two regions: the AssumeRole (global STS, logged in us-east-1 at 09:59) in a file
 * delivered at 10:00, and the trail stop made with the issued key in eu-west-1, delivered at 10:05. Path
 * order puts eu-west-1 first.
 */
export function makeTwoRegionLogFolder(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'vigil-scan-regions-'));
  const write = (region: string, time: string, records: unknown[]) => {
    const dir = path.join(root, `AWSLogs/123456789012/CloudTrail/${region}/2024/05/01`);
    mkdirSync(dir, { recursive: true });
    const name = `123456789012_CloudTrail_${region}_${time}_x.json.gz`;
    writeFileSync(path.join(dir, name), gzipSync(JSON.stringify({ Records: records })));
  };
  write('eu-west-1', '20240501T1005Z', [{ ...loadEvent('stop-logging'), awsRegion: 'eu-west-1' }]);
  write('us-east-1', '20240501T1000Z', [loadEvent('assume-role')]);
  return root;
}

/**
 * A synced trail with log file validation: two hours of logs (a trail stop, then a root login) and their
 * signed digests, plus the `list-public-keys` output for the signing key. Returns the folder, that file and
 * the path of the first log.
 */
export function makeValidatedTrailFolder(): { root: string; keysFile: string; firstLog: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'vigil-scan-digests-'));
  const key = createSigningKey();
  const logs: [string, string][][] = [
    [[logKey(0, 'a'), JSON.stringify({ Records: [loadEvent('stop-logging')] })]],
    [[logKey(1, 'b'), JSON.stringify({ Records: [loadEvent('console-login-root')] })]],
  ];
  const write = (s3Key: string, content: string) => {
    mkdirSync(path.dirname(path.join(root, s3Key)), { recursive: true });
    writeFileSync(path.join(root, s3Key), gzipSync(content));
  };
  for (const [s3Key, content] of logs.flat()) write(s3Key, content);
  // A third, empty hour closes the chain, so both digests with logs have a successor carrying their signature.
  for (const digest of createDigestChain([...logs, []], key)) write(digest.key, digest.content);
  const keysFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'vigil-keys-')), 'public-keys.json');
  writeFileSync(keysFile, JSON.stringify(key.listing));
  return { root, keysFile, firstLog: path.join(root, logKey(0, 'a')) };
}
