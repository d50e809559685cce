import type { VigilAlert } from '@vigil/event-schema';
import { PermanentCloudTrailParserError } from '../../errors';
import type { AlertChannel, PublishResult } from './alert-channel';

/**
 * One channel that sends backfilled alerts (`backfill: true`) to `backfill` and every other alert to
 * `live`: e.g. two SNS publishers, the stage's alert topic and the topic set by the `backfillAlertTopicArn`
 * stage param, so replaying months of logs does not page the on-call. Without `backfill` it is `live`.
 * Both must be the same kind of channel: the alert ledger records deliveries per channel name.
 */
export function routeBackfillAlerts(channels: {
  live: AlertChannel;
  backfill?: AlertChannel | undefined;
}): AlertChannel {
  const { live, backfill } = channels;
  if (backfill === undefined) return live;
  if (backfill.name !== live.name) {
    throw new PermanentCloudTrailParserError(
      `a ${backfill.name} channel cannot stand in for the ${live.name} channel of backfilled alerts`,
      { code: 'ALERT_ROUTING' }
    );
  }
  return {
    name: live.name,
    async publish(alerts: readonly VigilAlert[]): Promise<PublishResult> {
      const backfilled = alerts.filter((alert) => alert.backfill === true);
      const current = alerts.filter((alert) => alert.backfill !== true);
      const results = await Promise.all([
        current.length > 0 ? live.publish(current) : EMPTY,
        backfilled.length > 0 ? backfill.publish(backfilled) : EMPTY,
      ]);
      return {
        delivered: results.flatMap((result) => result.delivered),
        failed: results.flatMap((result) => result.failed),
      };
    },
  };
}

const EMPTY: PublishResult = { delivered: [], failed: [] };
