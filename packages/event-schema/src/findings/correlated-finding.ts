import * as z from 'zod';
import { defineEventContract } from '../common/event-contract';
import { NonEmptyStringSchema, SchemaVersionSchema } from '../common/primitives';
import { AsffFindingSchema } from './asff-finding';

/**
 * The detail of `Vigil Correlated Finding`: the ASFF finding Vigil imported into Security Hub and the
 * ids of the member findings that made the correlation fire.
 */
export const CorrelatedFindingSchema = z.object({
  schemaVersion: SchemaVersionSchema,
  /** The correlation rule that matched. */
  ruleId: NonEmptyStringSchema,
  /** The normalised resource key the members share (instance id, bucket name, role ARN...). */
  resourceKey: NonEmptyStringSchema,
  /** The imported finding (its `Id` is deterministic: rule + resource + window). */
  finding: AsffFindingSchema,
  /** Ids of the member findings, also listed in `finding.RelatedFindings`. */
  memberFindingIds: z.array(NonEmptyStringSchema).min(1),
});
export type CorrelatedFinding = z.infer<typeof CorrelatedFindingSchema>;

/**
 * Contract of the correlator's output event.
 *
 * @example
 * ```ts
 * const entry = buildPutEventsEntry(VIGIL_CORRELATED_FINDING, detail, busName);
 * ```
 */
export const VIGIL_CORRELATED_FINDING = defineEventContract(
  'vigil.correlator',
  'Vigil Correlated Finding',
  CorrelatedFindingSchema
);
