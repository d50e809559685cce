import * as z from 'zod';

/** ASFF severity labels, lowest first. Vigil alerts use the same scale. */
export const SEVERITY_LABELS = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export const SeverityLabelSchema = z.enum(SEVERITY_LABELS);
export type SeverityLabel = z.infer<typeof SeverityLabelSchema>;

/**
 * Orders severities: negative when `a` is less severe than `b`, 0 when equal.
 *
 * @example
 * ```ts
 * compareSeverity('HIGH', 'MEDIUM') > 0; // true
 * ```
 */
export function compareSeverity(a: SeverityLabel, b: SeverityLabel): number {
  return SEVERITY_LABELS.indexOf(a) - SEVERITY_LABELS.indexOf(b);
}

/**
 * The ASFF label of a GuardDuty numeric severity (GuardDuty's bands: 1.0–3.9 low, 4.0–6.9 medium,
 * 7.0–8.9 high, 9.0–10.0 critical; below 1 is informational).
 *
 * @example
 * ```ts
 * guardDutySeverityLabel(8); // 'HIGH'
 * ```
 */
export function guardDutySeverityLabel(severity: number): SeverityLabel {
  if (severity >= 9) return 'CRITICAL';
  if (severity >= 7) return 'HIGH';
  if (severity >= 4) return 'MEDIUM';
  if (severity >= 1) return 'LOW';
  return 'INFORMATIONAL';
}
