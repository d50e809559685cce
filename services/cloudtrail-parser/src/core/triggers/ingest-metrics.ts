import type { SeverityLabel } from '@vigil/event-schema';

/** Counters the ingestion reports (CloudWatch EMF in the Lambda; an in-memory fake in tests). */
export type IngestCounter =
  | 'Files'
  | 'Records'
  | 'Bytes'
  | 'DigestSkipped'
  | 'ParseErrors'
  | 'ParkedMessages'
  | 'DuplicateAlerts'
  | 'SuppressedMatches';

export interface IngestMetrics {
  count(name: IngestCounter, value: number): void;
  /** Published alerts of one severity (the `severity` dimension). */
  alerts(severity: SeverityLabel, count: number): void;
  recordsPerSecond(value: number): void;
}
