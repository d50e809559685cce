import * as z from 'zod';
import { NonEmptyStringSchema } from '../common/primitives';

/** A MITRE ATT&CK technique or sub-technique an alert maps to. */
export const MitreTechniqueSchema = z.object({
  /** The tactic, e.g. `Defense Evasion` or `TA0005`. */
  tactic: NonEmptyStringSchema,
  /** The technique id, e.g. `T1562.008`. */
  techniqueId: z.string().regex(/^T\d{4}(\.\d{3})?$/, 'expected a technique id such as T1562 or T1562.008'),
  /** The technique name, e.g. `Impair Defenses: Disable or Modify Cloud Logs`. */
  name: NonEmptyStringSchema,
});
export type MitreTechnique = z.infer<typeof MitreTechniqueSchema>;
