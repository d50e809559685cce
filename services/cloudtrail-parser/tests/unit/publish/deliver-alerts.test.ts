import type { VigilAlert } from '@vigil/event-schema';
import type { AlertChannel, AlertChannelName, PublishResult } from '../../../src/core/publish/alert-channel';
import type { AlertClaim, AlertLedger } from '../../../src/core/publish/alert-ledger';
import { deliverAlerts } from '../../../src/core/publish/deliver-alerts';
import { sampleAlert } from '../../helpers/alert-fixtures';

class MemoryLedger implements AlertLedger {
  readonly items = new Map<string, { claimedAt: number; delivered: Set<AlertChannelName>; done: boolean }>();

  async claim(alertId: string, nowSeconds: number): Promise<AlertClaim | undefined> {
    const item = this.items.get(alertId);
    if (item && (item.done || item.claimedAt >= nowSeconds - 900)) return undefined;
    const delivered = item?.delivered ?? new Set<AlertChannelName>();
    this.items.set(alertId, { claimedAt: nowSeconds, delivered, done: false });
    return { alertId, delivered: new Set(delivered) };
  }

  async settle(alertId: string, delivered: readonly AlertChannelName[], complete: boolean): Promise<void> {
    const item = this.items.get(alertId);
    if (!item) throw new Error('settle without claim');
    for (const channel of delivered) item.delivered.add(channel);
    item.done = complete;
    if (!complete) item.claimedAt = 0;
  }
}

function channel(
  name: AlertChannelName,
  failIds: Set<string> = new Set()
): AlertChannel & { sent: string[] } {
  const sent: string[] = [];
  return {
    name,
    sent,
    async publish(alerts: readonly VigilAlert[]): Promise<PublishResult> {
      const result: PublishResult = { delivered: [], failed: [] };
      for (const alert of alerts) {
        if (failIds.has(alert.id)) result.failed.push({ id: alert.id, reason: 'InternalError' });
        else {
          sent.push(alert.id);
          result.delivered.push(alert.id);
        }
      }
      return result;
    },
  };
}

describe('deliverAlerts', () => {
  it('publishes an alert once per channel however often it is delivered', async () => {
    // Prepare
    const ledger = new MemoryLedger();
    const sns = channel('sns');
    const bus = channel('bus');
    const alert = sampleAlert();
    const deps = { ledger, channels: [sns, bus], now: () => 1_000 };

    // Act
    const first = await deliverAlerts([alert, alert], deps);
    const second = await deliverAlerts([alert], { ...deps, now: () => 99_999 });

    // Assess
    expect(first.published.map((a) => a.id)).toEqual([alert.id]);
    expect(second).toEqual({ published: [], duplicates: [alert.id], failed: [] });
    expect(sns.sent).toEqual([alert.id]);
    expect(bus.sent).toEqual([alert.id]);
  });

  it('releases a half-delivered alert and later sends it only where it is missing', async () => {
    // Prepare
    const ledger = new MemoryLedger();
    const alert = sampleAlert();
    const sns = channel('sns');
    const failingBus = channel('bus', new Set([alert.id]));
    const workingBus = channel('bus');

    // Act
    const first = await deliverAlerts([alert], { ledger, channels: [sns, failingBus], now: () => 1_000 });
    const retry = await deliverAlerts([alert], { ledger, channels: [sns, workingBus], now: () => 1_001 });

    // Assess
    expect(first.failed).toEqual([{ id: alert.id, channel: 'bus', reason: 'InternalError' }]);
    expect(first.published).toEqual([]);
    expect(retry.published.map((a) => a.id)).toEqual([alert.id]);
    expect(sns.sent).toEqual([alert.id]);
    expect(workingBus.sent).toEqual([alert.id]);
  });

  it('leaves an alert claimed by a live attempt alone', async () => {
    // Prepare
    const ledger = new MemoryLedger();
    const alert = sampleAlert();
    await ledger.claim(alert.id, 1_000);
    const sns = channel('sns');

    // Act
    const report = await deliverAlerts([alert], { ledger, channels: [sns], now: () => 1_010 });

    // Assess
    expect(report.duplicates).toEqual([alert.id]);
    expect(sns.sent).toEqual([]);
  });
});
