import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { corporaDir, expectedCorporaDir, findRepoRoot } from '../../../src/testing/corpora-dir';

describe('findRepoRoot', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigil-root-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the nearest folder holding pnpm-workspace.yaml', () => {
    // Prepare
    const repo = path.join(dir, 'repo');
    const deep = path.join(repo, 'services', 'x', 'tests');
    mkdirSync(deep, { recursive: true });
    writeFileSync(path.join(repo, 'pnpm-workspace.yaml'), 'packages: []\n');

    // Act
    const root = findRepoRoot(deep);

    // Assess
    expect(root).toBe(repo);
  });

  it('returns undefined outside any workspace', () => {
    expect(findRepoRoot(dir)).toBeUndefined();
  });
});

describe('corporaDir', () => {
  it('points next to the repo root and exists only when the folder does', () => {
    // Prepare
    const repoRoot = findRepoRoot(__dirname);

    // Act
    const expected = expectedCorporaDir();
    const actual = corporaDir();

    // Assess
    expect(repoRoot).toBeDefined();
    expect(expected).toBe(path.resolve(repoRoot ?? '', '../shared/corpora'));
    expect(actual).toBe(expected !== undefined && existsSync(expected) ? expected : undefined);
  });
});
