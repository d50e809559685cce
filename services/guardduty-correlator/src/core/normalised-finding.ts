import type { AsffFinding, SeverityLabel } from '@vigil/event-schema';
import type { ResourceKind } from './resource-key';

/** Why a finding does or does not count: only `ACTIVE` findings take part in correlations. */
export type FindingState = 'ACTIVE' | 'ARCHIVED' | 'RESOLVED' | 'SUPPRESSED' | 'PASSED';

/** One resource of a finding under its normalised key (the ASFF resource it came from is kept for output). */
export type KeyedResource = {
  key: string;
  kind: ResourceKind;
  /** The ASFF resource `Type` and `Id` as the product wrote them. */
  type: string;
  id: string;
  partition?: string | undefined;
  region?: string | undefined;
};

/**
 * The correlator's one internal form of a finding, whatever product and channel it came from
 * (`Security Hub Findings - Imported`, native `GuardDuty Finding`, `Vigil Alert`).
 */
export type NormalisedFinding = {
  findingId: string;
  productArn: string;
  /** `aws/guardduty`, `aws/inspector`, `<account>/default`… (from the product ARN). */
  productKey: string;
  /** `<productKey>#<findingId>`: the sort key under each resource. */
  sortKey: string;
  accountId: string;
  region?: string | undefined;
  title: string;
  severity: SeverityLabel;
  updatedAt: string;
  updatedAtMs: number;
  /** When the activity was first and last observed (window and ordering use these). */
  firstSeenMs: number;
  lastSeenMs: number;
  state: FindingState;
  isLive: boolean;
  /** Every resource of the finding, one entry per distinct key. */
  resources: KeyedResource[];
  /** The finding in ASFF form: correlation signals are EventBridge patterns over it. */
  finding: AsffFinding;
};
