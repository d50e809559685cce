import type { VigilAlert } from '@vigil/event-schema';
import type { AlertChannel, AlertChannelName, PublishResult } from '../../../src/core/publish/alert-channel';
import { createAlertSink } from '../../../src/core/publish/alert-sink';
import { routeBackfillAlerts } from '../../../src/core/publish/route-backfill-alerts';
import type { RuleStateStore } from '../../../src/core/stateful-rules';
import { PermanentCloudTrailParserError } from '../../../src/errors';
import { sampleAlert, stopLoggingRecord, stopLoggingRule } from '../../helpers/alert-fixtures';

function recordingChannel(
  name: AlertChannelName,
  failIds: ReadonlySet<string> = new Set()
): AlertChannel & { sent: string[] } {
  const sent: string[] = [];
  return {
    name,
    sent,
    async publish(alerts: readonly VigilAlert[]): Promise<PublishResult> {
      const result: PublishResult = { delivered: [], failed: [] };
      for (const alert of alerts) {
        if (failIds.has(alert.id)) result.failed.push({ id: alert.id, reason: 'Throttled' });
        else {
          sent.push(alert.id);
          result.delivered.push(alert.id);
        }
      }
      return result;
    },
  };
}

describe('routeBackfillAlerts', () => {
  it('sends backfilled alerts to the backfill channel and the others to the live one', async () => {
    // Prepare
    const live = recordingChannel('sns');
    const backfill = recordingChannel('sns');
    const channel = routeBackfillAlerts({ live, backfill });
    const alerts = [
      sampleAlert({ id: 'live-1' }),
      sampleAlert({ id: 'past-1', backfill: true }),
      sampleAlert({ id: 'live-2', backfill: false }),
    ];

    // Act
    const result = await channel.publish(alerts);

    // Assess
    expect(channel.name).toBe('sns');
    expect(live.sent).toEqual(['live-1', 'live-2']);
    expect(backfill.sent).toEqual(['past-1']);
    expect(result.delivered.sort()).toEqual(['live-1', 'live-2', 'past-1']);
  });

  it('reports the failures of either channel', async () => {
    // Prepare
    const channel = routeBackfillAlerts({
      live: recordingChannel('sns'),
      backfill: recordingChannel('sns', new Set(['past-1'])),
    });

    // Act
    const result = await channel.publish([
      sampleAlert({ id: 'live-1' }),
      sampleAlert({ id: 'past-1', backfill: true }),
    ]);

    // Assess
    expect(result).toEqual({ delivered: ['live-1'], failed: [{ id: 'past-1', reason: 'Throttled' }] });
  });

  it('is the live channel when no backfill channel is set', async () => {
    // Prepare
    const live = recordingChannel('sns');

    // Act
    const channel = routeBackfillAlerts({ live, backfill: undefined });
    await channel.publish([sampleAlert({ id: 'past-1', backfill: true })]);

    // Assess
    expect(channel).toBe(live);
    expect(live.sent).toEqual(['past-1']);
  });

  it('refuses a backfill channel of another kind', () => {
    // Act
    const route = () =>
      routeBackfillAlerts({ live: recordingChannel('sns'), backfill: recordingChannel('bus') });

    // Assess
    expect(route).toThrow(PermanentCloudTrailParserError);
  });
});

describe('createAlertSink', () => {
  // The rule has neither threshold nor dedup: the store is never asked.
  const noState: RuleStateStore = {
    hitThreshold: () => {
      throw new Error('no threshold rule in these tests');
    },
    claimDedup: () => {
      throw new Error('no dedup rule in these tests');
    },
  };

  async function alertsOf(options?: { isBackfill?: boolean }): Promise<VigilAlert[]> {
    const delivered: VigilAlert[] = [];
    const sink = createAlertSink(
      { kind: 's3', bucket: 'org-trail-logs', key: 'AWSLogs/x.json.gz' },
      {
        ruleState: noState,
        principals: { get: () => undefined },
        deliver: async (alerts) => {
          delivered.push(...alerts);
          return { published: [...alerts], duplicates: [], failed: [] };
        },
      },
      options
    );
    await sink.add(stopLoggingRule(), stopLoggingRecord());
    await sink.flush();
    return delivered;
  }

  it('marks the alerts of a backfilled object and keeps their origin', async () => {
    // Act
    const [alert] = await alertsOf({ isBackfill: true });

    // Assess
    expect(alert?.backfill).toBe(true);
    expect(alert?.origin).toEqual({ kind: 's3', bucket: 'org-trail-logs', key: 'AWSLogs/x.json.gz' });
  });

  it('leaves live alerts without the backfill field', async () => {
    // Act
    const alerts = [...(await alertsOf()), ...(await alertsOf({ isBackfill: false }))];

    // Assess
    expect(alerts).toHaveLength(2);
    expect(alerts.map((alert) => 'backfill' in alert)).toEqual([false, false]);
  });
});
