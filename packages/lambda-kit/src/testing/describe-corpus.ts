import { corporaDir, expectedCorporaDir } from './corpora-dir';

const announced = new Set<string>();

/**
 * `describe` for tests over the shared corpora: `fn` receives the corpora folder. When the folder is absent
 * the suite is skipped (one skipped test names the missing folder; `fn` is not run) and `corpora not found at
 * <path>: skipping <name>` is printed once to stderr.
 *
 * @example
 * ```ts
 * describeCorpus('cloudtrail samples', (corpora) => {
 *   it('parses every sample', () => { ... path.join(corpora, 'invictus-ir-aws_dataset') ... });
 * });
 * ```
 */
export function describeCorpus(name: string, fn: (corpora: string) => void): void {
  const dir = corporaDir();
  if (dir !== undefined) {
    describe(name, () => fn(dir));
    return;
  }
  const expected = expectedCorporaDir() ?? '<repo root>/../shared/corpora';
  if (!announced.has(name)) {
    announced.add(name);
    process.stderr.write(`corpora not found at ${expected}: skipping ${name}\n`);
  }
  // `fn` is not called: a suite's body runs even when skipped, and it may read the corpora right there.
  // biome-ignore lint/suspicious/noSkippedTests: the corpora live outside the repo; without them these tests cannot run, and the skip is announced above.
  describe.skip(name, () => {
    it(`needs the corpora at ${expected}`, () => {
      throw new Error(`corpora not found at ${expected}`);
    });
  });
}
