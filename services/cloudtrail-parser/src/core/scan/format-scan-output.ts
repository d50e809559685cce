import type { VigilAlert } from '@vigil/event-schema';
import type { IntegrityReport } from '../integrity/verify-log-integrity';
import type { ScanProgress, ScanSummary } from './run-scan';

/** One alert as a JSON line (the `Vigil Alert` detail). */
export function formatAlertLine(alert: VigilAlert): string {
  return `${JSON.stringify(alert)}\n`;
}

const COLUMNS = [
  ['SEVERITY', 13],
  ['EVENT TIME', 20],
  ['RULE', 40],
  ['EVENT', 36],
  ['ACTOR', 50],
] as const;

function cell(value: string, width: number): string {
  return value.length > width ? `${value.slice(0, width - 1)}…` : value.padEnd(width);
}

/** The header of the TTY table. */
export function formatAlertTableHeader(): string {
  return `${COLUMNS.map(([title, width]) => cell(title, width))
    .join(' ')
    .trimEnd()}\n`;
}

/** One alert as a table row (TTY). */
export function formatAlertTableRow(alert: VigilAlert): string {
  const values = [
    alert.severity,
    alert.event.eventTime,
    alert.ruleId,
    `${alert.event.eventSource.replace('.amazonaws.com', '')}:${alert.event.eventName}`,
    alert.actor.originalPrincipal ?? alert.actor.arn ?? alert.actor.type,
  ];
  return `${values
    .map((value, index) => cell(value, COLUMNS[index]?.[1] ?? 20))
    .join(' ')
    .trimEnd()}\n`;
}

/** The one summary line printed on stderr at the end of a scan. */
export function formatScanSummary(summary: ScanSummary): string {
  return (
    `vigil scan: ${summary.files} files, ${summary.records} records, ${summary.alerts} alerts, ` +
    `${summary.skipped} skipped, ${summary.errors} errors, ${summary.seconds.toFixed(2)} s, ` +
    `${summary.recordsPerSecond} records/s\n`
  );
}

/** `vigil scan --verify-digests`: one line on what checking the logs against their digests found. */
export function formatIntegritySummary(report: IntegrityReport): string {
  return (
    `vigil integrity: ${report.logsVerified} log files verified, ${report.logsNotCovered} not listed in a digest, ` +
    `${report.digests} digests, ${report.signaturesVerified} signatures verified, ` +
    `${report.signaturesUnverifiable} signed in S3 metadata only, ${report.problems.length} problems\n`
  );
}

/** The progress line on a TTY (overwritten in place). */
export function formatScanProgress(progress: ScanProgress): string {
  const megabytes = (progress.bytes / 1024 ** 2).toFixed(0);
  return `\r\u001b[2Kscanning ${progress.file}: ${progress.records} records, ${megabytes} MB, ${progress.alerts} alerts`;
}
