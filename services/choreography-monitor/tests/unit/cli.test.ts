import path from 'node:path';
import { Command } from 'commander';
import { registerCommands } from '../../src/cli';
import { CHOREOGRAPHIES_DIR } from '../helpers/models';

function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let exitCode = 0;
  const program = new Command().exitOverride();
  registerCommands(program, {
    io: {
      stdout: { write: (chunk: string) => out.push(chunk) },
      stderr: { write: (chunk: string) => err.push(chunk) },
      isTTY: false,
    },
    setExitCode: (code) => {
      exitCode = Math.max(exitCode, code);
    },
  });
  return program
    .parseAsync(argv, { from: 'user' })
    .then(() => ({ stdout: out.join(''), stderr: err.join(''), exitCode }));
}

describe('vigil choreography compile', () => {
  it('prints the ASL definition', async () => {
    // Act
    const result = await run('choreography', 'compile', path.join(CHOREOGRAPHIES_DIR, 'order.yml'));

    // Assess
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      StartAt: 'AwaitingPayment',
      States: { AwaitingPayment: { Type: 'Task' } },
    });
  });

  it('prints the Mermaid diagram with --mermaid and the rules with --rules', async () => {
    // Act
    const mermaid = await run(
      'choreography',
      'compile',
      path.join(CHOREOGRAPHIES_DIR, 'refund.yml'),
      '--mermaid'
    );
    const rules = await run(
      'choreography',
      'compile',
      path.join(CHOREOGRAPHIES_DIR, 'refund.yml'),
      '--rules'
    );

    // Assess
    expect(mermaid.stdout).toMatch(/^stateDiagram-v2\n/);
    expect(JSON.parse(rules.stdout).map((rule: { kind: string }) => rule.kind)).toEqual(['start', 'forward']);
  });

  it('reports an invalid file on one line with the path and reason, exit code 2', async () => {
    // Act
    const result = await run(
      'choreography',
      'compile',
      path.resolve(__dirname, '../fixtures/invalid-choreographies/broken.yml')
    );

    // Assess
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^vigil: .*broken\.yml: states\.Waiting\.on\[0\]\.next: unknown state "Finished" \(states: Waiting, Done\); states\.Done: unreachable|^vigil: .*broken\.yml: states\.Waiting\.on\[0\]\.next: unknown state "Finished"/
    );
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('reports a missing file', async () => {
    // Act
    const result = await run('choreography', 'compile', 'nope.yml');

    // Assess
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('vigil: nope.yml: (file): no such file\n');
  });
});
