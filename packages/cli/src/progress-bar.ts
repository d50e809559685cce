import type { TextSink } from './cli-io';

/** Options of {@link ProgressBar}. */
export type ProgressBarOptions = {
  /** Where to draw: stderr, so stdout stays clean data. */
  stream: TextSink;
  /** Draw only on a terminal; otherwise every call is a no-op. */
  isTTY: boolean;
  label?: string | undefined;
  /** Units of work expected; unknown totals show a counter instead of a bar. */
  total?: number | undefined;
  /** Columns of the bar itself. */
  width?: number | undefined;
  /** Minimum milliseconds between redraws (drawing every record would cost more than the work). */
  intervalMs?: number | undefined;
  /** Clock, injectable for tests. */
  now?: (() => number) | undefined;
};

const CLEAR_LINE = '\r\u001b[2K';

/**
 * A one-line progress indicator for long commands (`vigil scan`), redrawn in place on a TTY and silent
 * elsewhere (pipes, CI logs). Call `stop()` before printing the summary line.
 *
 * @example
 * ```ts
 * const bar = new ProgressBar({ stream: io.stderr, isTTY: io.stderrIsTTY ?? io.isTTY, label: 'scan', total: files.length });
 * for (const [index, file] of files.entries()) { await scanFile(file); bar.update(index + 1, file); }
 * bar.stop();
 * ```
 */
export class ProgressBar {
  private readonly options: ProgressBarOptions;
  private readonly now: () => number;
  private total: number | undefined;
  private lastDrawAt = Number.NEGATIVE_INFINITY;
  private drawn = false;

  constructor(options: ProgressBarOptions) {
    this.options = options;
    this.total = options.total;
    this.now = options.now ?? Date.now;
  }

  /** Sets the total once it is known (e.g. after listing a directory). */
  setTotal(total: number): void {
    this.total = total;
  }

  /** Reports `done` units; redraws at most every `intervalMs`, and always on the last unit. */
  update(done: number, detail?: string): void {
    if (!this.options.isTTY) return;
    const at = this.now();
    const finished = this.total !== undefined && done >= this.total;
    if (!finished && at - this.lastDrawAt < (this.options.intervalMs ?? 100)) return;
    this.lastDrawAt = at;
    this.drawn = true;
    this.options.stream.write(`${CLEAR_LINE}${this.render(done, detail)}`);
  }

  /** Erases the bar so the next line starts clean. */
  stop(): void {
    if (this.drawn) this.options.stream.write(CLEAR_LINE);
    this.drawn = false;
  }

  private render(done: number, detail: string | undefined): string {
    const label = this.options.label ? `${this.options.label} ` : '';
    const suffix = detail ? ` ${truncate(detail, 40)}` : '';
    if (this.total === undefined || this.total <= 0) return `${label}${done}${suffix}`;
    const ratio = Math.min(1, done / this.total);
    const width = this.options.width ?? 24;
    const filled = Math.round(ratio * width);
    const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
    return `${label}[${bar}] ${Math.floor(ratio * 100)}% ${done}/${this.total}${suffix}`;
  }
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `…${text.slice(text.length - max + 1)}`;
}
