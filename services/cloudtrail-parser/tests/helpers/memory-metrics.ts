import type { SeverityLabel } from '@vigil/event-schema';
import type { IngestCounter, IngestMetrics } from '../../src/core/triggers/ingest-metrics';

/** Collects what the ingestion reports, for assertions. */
export class MemoryMetrics implements IngestMetrics {
  readonly counts = new Map<IngestCounter, number>();
  readonly alertsBySeverity = new Map<SeverityLabel, number>();
  readonly rates: number[] = [];

  count(name: IngestCounter, value: number): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + value);
  }

  alerts(severity: SeverityLabel, count: number): void {
    this.alertsBySeverity.set(severity, (this.alertsBySeverity.get(severity) ?? 0) + count);
  }

  recordsPerSecond(value: number): void {
    this.rates.push(value);
  }
}
