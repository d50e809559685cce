import type { TextSink } from '../core/scan/command-context';

/** What the backfill needs of `ProgressBar` from `@vigil/cli`. */
export interface ProgressBarLike {
  update(done: number, detail?: string): void;
  stop(): void;
}

export type ProgressBarFactory = (options: {
  stream: TextSink;
  isTTY: boolean;
  label: string;
  total: number;
}) => ProgressBarLike;

/**
 * `ProgressBar` of `@vigil/cli`, loaded when the command runs. The service does not list `@vigil/cli` as a
 * dependency yet (its package.json is not the backfill's to change): until it does, the backfill runs
 * without a bar and prints only its summary. Once the dependency is there, this becomes a plain import.
 */
export function loadProgressBar(load: (id: string) => unknown = require): ProgressBarFactory | undefined {
  let cli: unknown;
  try {
    cli = load('@vigil/cli');
  } catch {
    return undefined;
  }
  const Bar: unknown = typeof cli === 'object' && cli !== null ? Reflect.get(cli, 'ProgressBar') : undefined;
  if (typeof Bar !== 'function') return undefined;
  return (options) => Reflect.construct(Bar, [options]) as ProgressBarLike;
}
