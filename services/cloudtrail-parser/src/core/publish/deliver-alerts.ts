import type { VigilAlert } from '@vigil/event-schema';
import type { AlertChannel, AlertChannelName } from './alert-channel';
import type { AlertLedger } from './alert-ledger';

export interface DeliverAlertsDeps {
  ledger: AlertLedger;
  channels: readonly AlertChannel[];
  /** Epoch seconds. */
  now(): number;
}

/** The outcome of one delivery round. */
export interface DeliveryReport {
  /** Alerts now delivered on every channel (by this round or, partly, an earlier one). */
  published: VigilAlert[];
  /** Alert ids skipped because they were already published (or are being published right now). */
  duplicates: string[];
  /** Alerts some channel could not take; their claim is released so a retry delivers the rest. */
  failed: { id: string; channel: AlertChannelName; reason: string }[];
}

/**
 * Publishes alerts exactly once per channel: claim each id in the ledger, send the claimed alerts to the
 * channels that do not have them yet, then settle each claim (complete, or released for a retry).
 */
export async function deliverAlerts(
  alerts: readonly VigilAlert[],
  deps: DeliverAlertsDeps
): Promise<DeliveryReport> {
  const report: DeliveryReport = { published: [], duplicates: [], failed: [] };
  const unique = [...new Map(alerts.map((alert) => [alert.id, alert])).values()];
  const claims = new Map<string, ReadonlySet<AlertChannelName>>();
  const nowSeconds = deps.now();
  for (const alert of unique) {
    const claim = await deps.ledger.claim(alert.id, nowSeconds);
    if (claim === undefined) report.duplicates.push(alert.id);
    else claims.set(alert.id, claim.delivered);
  }
  const claimed = unique.filter((alert) => claims.has(alert.id));
  const deliveredNow = new Map<string, AlertChannelName[]>(claimed.map((alert) => [alert.id, []]));

  for (const channel of deps.channels) {
    const needed = claimed.filter((alert) => !claims.get(alert.id)?.has(channel.name));
    if (needed.length === 0) continue;
    const result = await channel.publish(needed);
    for (const id of result.delivered) deliveredNow.get(id)?.push(channel.name);
    for (const failure of result.failed) report.failed.push({ ...failure, channel: channel.name });
  }

  for (const alert of claimed) {
    const before = claims.get(alert.id) ?? new Set<AlertChannelName>();
    const now = deliveredNow.get(alert.id) ?? [];
    const complete = deps.channels.every((channel) => before.has(channel.name) || now.includes(channel.name));
    await deps.ledger.settle(alert.id, now, complete);
    if (complete) report.published.push(alert);
  }
  return report;
}
