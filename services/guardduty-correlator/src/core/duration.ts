import { z } from 'zod';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A duration written `30m`, `24h` or `7d` (≤ 30 days: findings live 30 days), parsed to milliseconds. */
export const DurationSchema = z
  .string()
  .regex(/^[1-9]\d*[mhd]$/, 'expected a duration such as 30m, 24h or 7d')
  .transform((text) => Number(text.slice(0, -1)) * UNIT_MS[text.slice(-1) as keyof typeof UNIT_MS])
  .refine((ms) => ms <= 30 * UNIT_MS.d, 'a window cannot exceed 30d (findings are kept 30 days)');

/** `7d`, `36h`, `90m`: the largest whole unit. */
export function formatDuration(ms: number): string {
  if (ms % UNIT_MS.d === 0) return `${ms / UNIT_MS.d}d`;
  if (ms % UNIT_MS.h === 0) return `${ms / UNIT_MS.h}h`;
  return `${Math.round(ms / UNIT_MS.m)}m`;
}
