import { readFile } from 'node:fs/promises';
import { RuleLoadError } from '../../errors';
import { createDetectionEngine } from '../detection-engine';
import { createSignatureCheck, readPublicKeys, type SignatureCheck } from '../integrity/digest-signature';
import { type Severity, severityRank } from '../rule';
import { type CommandContext, reportProblem } from './command-context';
import {
  formatAlertLine,
  formatAlertTableHeader,
  formatAlertTableRow,
  formatIntegritySummary,
  formatScanProgress,
  formatScanSummary,
} from './format-scan-output';
import { loadScanRules, type RuleSelection } from './load-scan-rules';
import { describeError, runScan, type ScanSummary } from './run-scan';

export interface ScanCommandOptions extends RuleSelection {
  format?: 'jsonl' | 'table' | undefined;
  failOn?: Severity | undefined;
  maxUncompressedBytes?: number | undefined;
  /** Check the logs against the digest files among the inputs. */
  verifyDigests?: boolean | undefined;
  /** `aws cloudtrail list-public-keys` output: digest signatures are checked too (implies verifyDigests). */
  publicKeysFile?: string | undefined;
}

/** The signature check from a `list-public-keys` file; throws a one-line reason when it cannot be read. */
async function loadSignatureCheck(file: string): Promise<SignatureCheck> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(describeError(error));
  }
  let listing: unknown;
  try {
    listing = JSON.parse(text);
  } catch {
    throw new Error('not valid JSON');
  }
  try {
    return createSignatureCheck(readPublicKeys(listing));
  } catch {
    throw new Error(
      'not the output of aws cloudtrail list-public-keys (PublicKeyList of Value and Fingerprint)'
    );
  }
}

const PROGRESS_INTERVAL_MS = 200;

/**
 * `vigil scan`: alerts on stdout (JSON lines, or a table on a TTY), progress on a TTY's stderr, then one
 * summary line. Exit code 2 when an input or a rule file was bad, else 1 when `--fail-on` was reached.
 */
export async function scanCommand(
  targets: readonly string[],
  options: ScanCommandOptions,
  context: CommandContext
): Promise<ScanSummary | undefined> {
  const { io } = context;
  let rules: Awaited<ReturnType<typeof loadScanRules>>;
  try {
    rules = await loadScanRules(options);
  } catch (error) {
    if (error instanceof RuleLoadError) {
      reportProblem(context, error.file, error.message.slice(error.file.length + 2));
      context.setExitCode(2);
      return undefined;
    }
    throw error;
  }
  let checkSignature: SignatureCheck | undefined;
  if (options.publicKeysFile !== undefined) {
    try {
      checkSignature = await loadSignatureCheck(options.publicKeysFile);
    } catch (error) {
      reportProblem(context, options.publicKeysFile, (error as Error).message);
      context.setExitCode(2);
      return undefined;
    }
  }
  const engine = createDetectionEngine(rules);
  const format = options.format ?? (io.isTTY ? 'table' : 'jsonl');
  const showProgress = io.stderrIsTTY ?? io.isTTY;
  const failRank = options.failOn === undefined ? Number.POSITIVE_INFINITY : severityRank(options.failOn);
  let hasReachedFailOn = false;
  let hasHeader = false;
  let lastProgress = 0;
  let hasProgressLine = false;
  const clearProgress = (): void => {
    if (hasProgressLine) {
      io.stderr.write('\r\u001b[2K');
      hasProgressLine = false;
    }
  };

  const summary = await runScan({
    targets,
    engine,
    maxUncompressedBytes: options.maxUncompressedBytes,
    verifyDigests: options.verifyDigests === true || checkSignature !== undefined,
    checkSignature,
    stdin: io.stdin as AsyncIterable<Uint8Array> | undefined,
    onAlert: (alert) => {
      hasReachedFailOn ||= severityRank(alert.severity) >= failRank;
      if (format === 'jsonl') {
        io.stdout.write(formatAlertLine(alert));
        return;
      }
      clearProgress();
      if (!hasHeader) {
        io.stdout.write(formatAlertTableHeader());
        hasHeader = true;
      }
      io.stdout.write(formatAlertTableRow(alert));
    },
    onProblem: (path, reason) => {
      clearProgress();
      reportProblem(context, path, reason);
    },
    onProgress: showProgress
      ? (progress) => {
          const now = Date.now();
          if (now - lastProgress >= PROGRESS_INTERVAL_MS) {
            lastProgress = now;
            io.stderr.write(formatScanProgress(progress));
            hasProgressLine = true;
          }
        }
      : undefined,
  });
  clearProgress();
  if (summary.integrity !== undefined) io.stderr.write(formatIntegritySummary(summary.integrity));
  io.stderr.write(formatScanSummary(summary));
  if (summary.errors > 0) {
    context.setExitCode(2);
  } else if (hasReachedFailOn) {
    context.setExitCode(1);
  }
  return summary;
}
