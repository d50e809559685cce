/** A wall-clock date and time (no zone). */
export type LocalDateTime = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock time in `timeZone` at `instant`. */
export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

function asUtc(local: LocalDateTime): number {
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
}

/** The offset of `timeZone` from UTC at `instant`, in milliseconds (CEST: +7,200,000). */
export function offsetAt(instant: Date, timeZone: string): number {
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  return asUtc(toLocal(new Date(whole), timeZone)) - whole;
}

/**
 * The instant a wall-clock time in `timeZone` denotes. A time skipped by a DST change (02:30 on the spring
 * forward night) moves forward by the gap; a repeated time (autumn) is its first occurrence.
 */
export function fromLocal(local: LocalDateTime, timeZone: string): Date {
  const wall = asUtc(local);
  // Try both offsets around the wall time: the earlier instant that maps back to the wall time wins.
  const offsets = [
    offsetAt(new Date(wall - 86_400_000), timeZone),
    offsetAt(new Date(wall + 86_400_000), timeZone),
  ];
  const candidates = [...new Set(offsets)]
    .map((offset) => wall - offset)
    .filter((instant) => asUtc(toLocal(new Date(instant), timeZone)) === wall)
    .sort((a, b) => a - b);
  const exact = candidates[0];
  if (exact !== undefined) return new Date(exact);
  // In a gap: the wall time does not exist; use the pre-transition offset, which lands after the gap.
  return new Date(wall - (offsets[0] ?? 0));
}
