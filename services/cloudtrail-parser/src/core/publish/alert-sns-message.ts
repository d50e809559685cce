import type { VigilAlert } from '@vigil/event-schema';

/** An SNS `Publish` request for one alert (the SDK's shape, without importing the SDK). */
export interface AlertSnsMessage {
  TopicArn: string;
  Subject: string;
  Message: string;
  MessageAttributes: {
    severity: { DataType: 'String'; StringValue: string };
    ruleId: { DataType: 'String'; StringValue: string };
    origin: { DataType: 'String'; StringValue: AlertSnsOrigin };
  };
}

/** The `origin` message attribute: alerts of past logs (`vigil backfill`) or of logs as they arrive. */
export type AlertSnsOrigin = 'backfill' | 'live';

/** SNS subjects: ASCII, no line breaks, fewer than 100 characters. */
export const MAX_SUBJECT_LENGTH = 99;
/** SNS messages are at most 256 KiB; stay under it with room for the envelope. */
export const MAX_MESSAGE_BYTES = 250 * 1024;

/**
 * The SNS message of an alert: a subject and a readable text body (title, severity, rule, who, what,
 * where, when, runbook) with `severity`, `ruleId` and `origin` (`backfill` | `live`) message attributes for
 * subscription filter policies (e.g. a pager that ignores backfilled alerts).
 */
export function buildAlertSnsMessage(alert: VigilAlert, topicArn: string): AlertSnsMessage {
  return {
    TopicArn: topicArn,
    Subject: buildSubject(alert),
    Message: truncateUtf8(formatAlertText(alert), MAX_MESSAGE_BYTES),
    MessageAttributes: {
      severity: { DataType: 'String', StringValue: alert.severity },
      ruleId: { DataType: 'String', StringValue: alert.ruleId },
      origin: { DataType: 'String', StringValue: alert.backfill === true ? 'backfill' : 'live' },
    },
  };
}

/** `[HIGH] CloudTrail logging stopped (123456789012)`, ASCII only, cut to fit. */
export function buildSubject(alert: VigilAlert): string {
  const account = alert.actor.accountAlias ?? alert.event.recipientAccountId;
  const raw = `[${alert.severity}] ${alert.title} (${account})`;
  // Non-ASCII and control characters are not allowed in SNS subjects.
  const ascii = raw
    .replace(/[^\x20-\x7e]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return ascii.length <= MAX_SUBJECT_LENGTH ? ascii : `${ascii.slice(0, MAX_SUBJECT_LENGTH - 3)}...`;
}

/** The readable body of an alert, one fact per line. */
export function formatAlertText(alert: VigilAlert): string {
  const { event, actor } = alert;
  const lines = [
    alert.title,
    '',
    `Severity: ${alert.severity}`,
    `Rule:     ${alert.ruleId}${formatMitre(alert)}`,
    `Who:      ${formatWho(alert)}`,
  ];
  if (actor.chain.length > 0) lines.push(`Via:      ${actor.chain.map((link) => link.arn).join(' -> ')}`);
  lines.push(
    `What:     ${event.eventSource} ${event.eventName}${event.errorCode ? ` (failed: ${event.errorCode})` : ''}`,
    `Where:    account ${event.recipientAccountId}${actor.accountAlias ? ` (${actor.accountAlias})` : ''}, region ${event.awsRegion}${event.sourceIPAddress ? `, from ${event.sourceIPAddress}` : ''}`,
    `When:     ${event.eventTime}`
  );
  if (event.userAgent) lines.push(`Agent:    ${event.userAgent}`);
  if (alert.resources.length > 0)
    lines.push(`Targets:  ${alert.resources.map((resource) => resource.arn).join(', ')}`);
  if (alert.threshold) {
    lines.push(`Count:    ${alert.threshold.count} in ${alert.threshold.windowSeconds}s`);
  }
  if (alert.description) lines.push('', alert.description);
  if (alert.runbook) lines.push('', `Runbook: ${alert.runbook}`);
  const backfill = alert.backfill === true ? ' (backfill)' : '';
  lines.push('', `Alert ${alert.id} · event ${event.eventID} · ${formatOrigin(alert)}${backfill}`);
  return lines.join('\n');
}

function formatWho(alert: VigilAlert): string {
  const { actor } = alert;
  const caller = actor.arn ?? actor.userName ?? actor.principalId ?? 'unknown caller';
  const parts = [`${caller} (${actor.type})`];
  if (actor.originalPrincipal && actor.originalPrincipal !== actor.arn) {
    parts.push(`acting for ${actor.originalPrincipal}`);
  }
  if (actor.sourceIdentity && actor.sourceIdentity !== actor.originalPrincipal) {
    parts.push(`source identity ${actor.sourceIdentity}`);
  }
  return parts.join(', ');
}

function formatMitre(alert: VigilAlert): string {
  if (alert.mitre.length === 0) return '';
  return ` (${alert.mitre.map((technique) => `${technique.techniqueId} ${technique.name}`).join('; ')})`;
}

function formatOrigin(alert: VigilAlert): string {
  const { origin } = alert;
  if (origin.kind === 's3') return `s3://${origin.bucket}/${origin.key}`;
  if (origin.kind === 'scan') return origin.path;
  return 'real time';
}

/** Cuts `text` to at most `maxBytes` UTF-8 bytes without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const marker = '\n[truncated]';
  const budget = maxBytes - Buffer.byteLength(marker, 'utf8');
  const cut = Buffer.from(text, 'utf8')
    .subarray(0, budget)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
  return `${cut}${marker}`;
}
