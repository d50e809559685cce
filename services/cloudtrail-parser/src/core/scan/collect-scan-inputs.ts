import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** One thing to scan: a file, or standard input (`-`). */
export type ScanInput = { kind: 'file'; path: string } | { kind: 'stdin'; path: '-' };

export interface CollectedInputs {
  inputs: ScanInput[];
  /** Digest files (and other non-log files inside folders) left out, by path. */
  skipped: string[];
  /** Paths that could not be read: `[path, reason]`. */
  problems: [string, string][];
}

const LOG_FILE = /\.(json\.gz|json|jsonl|gz)$/i;

/** CloudTrail digest files: under `CloudTrail-Digest/` or named `…_CloudTrail-Digest_…`. */
export function isDigestPath(file: string): boolean {
  return /(^|[/\\])CloudTrail-Digest([/\\]|$)/.test(file) || /_CloudTrail-Digest_/.test(path.basename(file));
}

// `<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<unique>.json.gz` (also `CloudTrail-Insight`).
const DELIVERY_TIME = /_CloudTrail(?:-Insight)?_[a-z0-9-]+_(\d{8}T\d{4}Z)_/;

/**
 * The order to scan logs in: by the time in CloudTrail's file names, so that the files of
 * every region and account interleave as the events happened (a key issued in us-east-1 is known before
 * eu-west-1 uses it; a burst across regions falls in one threshold window). Files named otherwise come
 * first; they and ties keep the order given.
 */
export function orderByDeliveryTime(files: readonly string[]): string[] {
  const keyed = files.map((file) => ({ file, time: DELIVERY_TIME.exec(path.basename(file))?.[1] ?? '' }));
  keyed.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  return keyed.map(({ file }) => file);
}

/** The log files under `dir` in path order (into `files`), digests into `skipped`. */
async function walk(dir: string, files: string[], skipped: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      await walk(child, files, skipped);
    } else if (entry.isFile() && LOG_FILE.test(entry.name)) {
      (isDigestPath(child) ? skipped : files).push(child);
    }
  }
}

/**
 * Expands the `vigil scan` arguments: files as given, folders walked recursively for `.json.gz`, `.json`,
 * `.jsonl` files, `-` for standard input, all in delivery-time order (`orderByDeliveryTime`: standard input
 * and files named otherwise first, as given). Digest files are skipped, unreadable paths reported, and the
 * rest still collected.
 */
export async function collectScanInputs(targets: readonly string[]): Promise<CollectedInputs> {
  const collected: CollectedInputs = { inputs: [], skipped: [], problems: [] };
  const files: string[] = [];
  let hasStdin = false;
  for (const target of targets) {
    if (target === '-') {
      hasStdin = true;
      continue;
    }
    try {
      const info = await stat(target);
      if (info.isDirectory()) {
        await walk(target, files, collected.skipped);
      } else if (isDigestPath(target)) {
        collected.skipped.push(target);
      } else {
        files.push(target);
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      collected.problems.push([
        target,
        code === 'ENOENT' ? 'no such file or directory' : (error as Error).message,
      ]);
    }
  }
  if (hasStdin) collected.inputs.push({ kind: 'stdin', path: '-' });
  for (const file of orderByDeliveryTime(files)) collected.inputs.push({ kind: 'file', path: file });
  return collected;
}
