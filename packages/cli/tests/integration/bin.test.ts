import { spawnSync } from 'node:child_process';
import path from 'node:path';
import rootPackage from '../../../../package.json';

const BIN = path.resolve(__dirname, '../../bin/vigil.cjs');

/** Runs the real `vigil` entry point in a child process (tsx compiling the sources). */
function vigil(...args: string[]) {
  const env = { ...process.env };
  // pnpm's NODE_PATH would expose every workspace, whatever state it is in; the CLI must stand on its own.
  delete env.NODE_PATH;
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('bin/vigil.cjs', () => {
  it('prints the version and exits 0', () => {
    // Act
    const { code, out } = vigil('--version');

    // Assess
    expect(code).toBe(0);
    expect(out).toBe(`${rootPackage.version}\n`);
  });

  it("finds the services' commands without pnpm's NODE_PATH (a plain node run)", () => {
    // Act
    const { code, out, err } = vigil('rules', 'list', '--format', 'jsonl');

    // Assess
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out.trim().split('\n').length).toBeGreaterThan(100);
  });

  it('exits 2 with one line and no stack for an unknown command', () => {
    // Act
    const { code, out, err } = vigil('frobnicate');

    // Assess
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe("vigil: frobnicate: unknown command (see 'vigil --help')\n");
  });
});
