import { VIGIL_ALERT } from '../alerts/vigil-alert';
import {
  VIGIL_WORKFLOW_COMPLETED,
  VIGIL_WORKFLOW_FAILED,
  VIGIL_WORKFLOW_STUCK,
} from '../choreography/workflow-status';
import type { EventContract } from '../common/event-contract';
import { VIGIL_CORRELATED_FINDING } from '../findings/correlated-finding';
import { VIGIL_SCHEDULER_PAUSED } from '../jobs/scheduler-paused';

/**
 * Every event contract Vigil emits with a fixed detail-type (jobs publish under their own detail-type;
 * see `DispatchedJobDetailSchema`).
 *
 * @example
 * ```ts
 * const contract = VIGIL_EVENT_CONTRACTS.find((c) => c.detailType === event['detail-type']);
 * ```
 */
export const VIGIL_EVENT_CONTRACTS: readonly EventContract[] = [
  VIGIL_ALERT,
  VIGIL_CORRELATED_FINDING,
  VIGIL_SCHEDULER_PAUSED,
  VIGIL_WORKFLOW_STUCK,
  VIGIL_WORKFLOW_FAILED,
  VIGIL_WORKFLOW_COMPLETED,
];
