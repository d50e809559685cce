import { type CloudTrailRealtimeEvent, CloudTrailRealtimeEventSchema } from '@vigil/event-schema';
import { lambda } from '@vigil/lambda-kit';
import { createRuntime, type RuntimeClients } from '../adapters/create-runtime';
import { powertoolsIngestMetrics } from '../adapters/powertools-ingest-metrics';
import { realtimeClients } from '../adapters/realtime-clients';
import { type Config, config } from '../config';
import type { AlertSinkSummary } from '../core/publish/alert-sink';
import { detectRealtimeRecord } from '../core/triggers/detect-realtime-record';
import type { IngestMetrics } from '../core/triggers/ingest-metrics';

/** The handler over its clients (tests pass mocked or local-cloud ones). */
export function createDetectRealtimeEvent(
  settings: Config,
  clients: RuntimeClients,
  metrics: IngestMetrics = powertoolsIngestMetrics
): (event: CloudTrailRealtimeEvent) => Promise<AlertSinkSummary> {
  const runtime = createRuntime(settings, clients);
  return (event) =>
    detectRealtimeRecord(
      event.detail,
      { kind: 'realtime', eventBridgeId: event.id },
      {
        engine: async () => (await runtime.rules.active()).engine,
        principalIndex: runtime.principalIndex,
        principalStore: runtime.principalStore,
        sinkDeps: runtime.sinkDeps,
        metrics,
      }
    );
}

export const detectRealtimeEvent = createDetectRealtimeEvent(config, realtimeClients);

export const main = lambda({ schema: CloudTrailRealtimeEventSchema }).handler(detectRealtimeEvent);
