import type { ExecutionPath } from './execution-path';

/** `1.234s`, `2m 3s`, `1h 2m`, `3d 4h`. */
export function formatElapsed(milliseconds: number): string {
  const seconds = milliseconds / 1000;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 3 : 1)}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${Math.floor(seconds % 60)}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

const OUTCOME_TEXT = {
  waiting: 'waiting',
  moved: '',
  stuck: 'STUCK (no event within its SLA)',
  unexpected: 'UNEXPECTED EVENT',
  success: 'end (success)',
  failure: 'end (failure)',
} as const;

/**
 * The path as text, one line per state: offset from the start, the state, how long it waited and
 * the event that moved it on (or how it ended).
 *
 * @example
 * formatExecutionPath(path, new Date());
 * // order o-42: SUCCEEDED in 2.104s
 * //   +0.000s  Order Placed (start)
 * //   +0.012s  AwaitingPayment  waited 0.300s → Payment Succeeded
 */
export function formatExecutionPath(path: ExecutionPath, now: Date): string[] {
  const start = path.startedAt?.getTime() ?? path.steps[0]?.enteredAt.getTime() ?? now.getTime();
  const end = path.stoppedAt?.getTime() ?? now.getTime();
  const lines = [
    `${path.choreography} ${path.correlationId}: ${path.status} ${path.stoppedAt ? 'in' : 'for'} ${formatElapsed(end - start)}`,
  ];
  const offset = (at: Date) => `+${formatElapsed(at.getTime() - start)}`.padEnd(10);
  if (path.startEvent !== undefined) lines.push(`  ${offset(new Date(start))} ${path.startEvent} (start)`);
  const width = Math.max(0, ...path.steps.map((step) => step.state.length));
  for (const step of path.steps) {
    const waited =
      step.outcome === 'success' || step.outcome === 'failure'
        ? ''
        : `waited ${formatElapsed((step.leftAt ?? now).getTime() - step.enteredAt.getTime())}`;
    const received = step.event === undefined ? '' : ` ${step.event}`;
    const result =
      step.outcome === 'moved'
        ? `→${received || ' ?'}`
        : `${OUTCOME_TEXT[step.outcome]}${step.outcome === 'unexpected' ? received : ''}`;
    lines.push(
      `  ${offset(step.enteredAt)} ${step.state.padEnd(width)}  ${[waited, result].filter(Boolean).join(' ')}`.trimEnd()
    );
  }
  if (path.error !== undefined) lines.push(`  error: ${path.error}${path.cause ? `: ${path.cause}` : ''}`);
  return lines;
}
