import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// packages/event-schema/tests/helpers → the repo root is four levels up; corpora sit next to the repo
// (`<repo>/../shared/corpora`). VIGIL_CORPORA_DIR overrides it (e.g. to check the skip path).
export const corporaDir =
  process.env.VIGIL_CORPORA_DIR ?? path.resolve(__dirname, '../../../../../shared/corpora');
export const hasCorpora = existsSync(corporaDir);

/**
 * `describe` when `/work/shared/corpora` exists, otherwise a skipped block whose name says why.
 * (`@vigil/lambda-kit/testing` has `describeCorpus`, but lambda-kit depends on this package.)
 */
export function describeCorpus(name: string, fn: () => void): void {
  if (hasCorpora) {
    describe(name, fn);
  } else {
    process.stderr.write(`corpora not found at ${corporaDir}: skipping ${name}\n`);
    describe.skip(`${name} (skipped: corpora not found at ${corporaDir})`, fn);
  }
}

export function corpusPath(...parts: string[]): string {
  return path.join(corporaDir, ...parts);
}

export function readCorpusJson(...parts: string[]): unknown {
  return JSON.parse(readFileSync(corpusPath(...parts), 'utf8'));
}

export function listCorpusFiles(folder: string, extension: string): string[] {
  if (!hasCorpora) return [];
  return readdirSync(corpusPath(folder))
    .filter((name) => name.endsWith(extension))
    .sort();
}
