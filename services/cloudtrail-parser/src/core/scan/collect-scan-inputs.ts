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

async function walk(dir: string, into: CollectedInputs): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      await walk(child, into);
    } else if (entry.isFile() && LOG_FILE.test(entry.name)) {
      if (isDigestPath(child)) {
        into.skipped.push(child);
      } else {
        into.inputs.push({ kind: 'file', path: child });
      }
    }
  }
}

/**
 * Expands the `vigil scan` arguments: files as given, folders walked recursively (sorted) for
 * `.json.gz`, `.json`, `.jsonl` files, `-` for standard input. Digest files are skipped, unreadable
 * paths reported, and the rest still collected.
 */
export async function collectScanInputs(targets: readonly string[]): Promise<CollectedInputs> {
  const collected: CollectedInputs = { inputs: [], skipped: [], problems: [] };
  for (const target of targets) {
    if (target === '-') {
      collected.inputs.push({ kind: 'stdin', path: '-' });
      continue;
    }
    try {
      const info = await stat(target);
      if (info.isDirectory()) {
        await walk(target, collected);
      } else if (isDigestPath(target)) {
        collected.skipped.push(target);
      } else {
        collected.inputs.push({ kind: 'file', path: target });
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      collected.problems.push([
        target,
        code === 'ENOENT' ? 'no such file or directory' : (error as Error).message,
      ]);
    }
  }
  return collected;
}
