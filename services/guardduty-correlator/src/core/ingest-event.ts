import {
  type AsffFinding,
  GuardDutyFindingEventSchema,
  SecurityHubFindingsImportedEventSchema,
  VIGIL_ALERT,
} from '@vigil/event-schema';
import { z } from 'zod';
import { guardDutyToAsff } from './guardduty-to-asff';
import { vigilAlertToAsff } from './vigil-alert-to-asff';

/**
 * What the ingest queue carries: the EventBridge events the correlator subscribes to. A discriminated
 * union on `detail-type`, so a bad event is reported against the one schema it claims to follow.
 */
export const IngestEventSchema = z.discriminatedUnion('detail-type', [
  SecurityHubFindingsImportedEventSchema,
  GuardDutyFindingEventSchema,
  VIGIL_ALERT.eventSchema,
]);
export type IngestEvent = z.infer<typeof IngestEventSchema>;

/** Every finding an event carries, in ASFF form (Security Hub events may carry many). */
export function findingsOfEvent(event: IngestEvent): AsffFinding[] {
  switch (event['detail-type']) {
    case 'Security Hub Findings - Imported':
      return event.detail.findings;
    case 'GuardDuty Finding':
      return [guardDutyToAsff(event.detail)];
    case 'Vigil Alert':
      return [vigilAlertToAsff(event.detail)];
  }
}
