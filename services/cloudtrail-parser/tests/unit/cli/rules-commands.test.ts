import { BAD_RULES_DIR, RULES_DIR } from '../core/fixtures';
import { runCli } from './cli-helpers';

describe('vigil rules check', () => {
  it('prints OK per valid file and the reason per invalid one, exit 2 on any failure', async () => {
    // Act
    const good = await runCli(['rules', 'check', RULES_DIR]);
    const bad = await runCli(['rules', 'check', RULES_DIR, BAD_RULES_DIR]);

    // Assess
    expect(good.stdout).toMatch(/defense-evasion\.yml: OK \(2 rules\)\n.*stateful\.json: OK \(3 rules\)\n$/);
    expect(good.exitCode).toBe(0);
    expect(bad.stderr).toMatch(/^vigil: .*bad-severity\.yml: fixture-bad: severity: /);
    expect(bad.exitCode).toBe(2);
  });

  it('prints JSON lines with --format jsonl', async () => {
    // Act
    const run = await runCli(['rules', 'check', BAD_RULES_DIR, '--format', 'jsonl']);

    // Assess
    const [line] = run.stdout
      .trimEnd()
      .split('\n')
      .map((text) => JSON.parse(text) as { ok: boolean; error: string });
    expect(line).toMatchObject({ ok: false });
    expect(line?.error).toMatch(/severity/);
    expect(run.exitCode).toBe(2);
  });
});

describe('vigil rules test', () => {
  it('runs the embedded tests of the given rules', async () => {
    // Act
    const run = await runCli(['rules', 'test', RULES_DIR]);

    // Assess
    expect(run.stdout).toBe('5 rules, 10 tests, 10 passed, 0 failed\n');
    expect(run.exitCode).toBe(0);
  });
});

describe('vigil rules list', () => {
  it('lists the selected rules', async () => {
    // Act
    const run = await runCli(['rules', 'list', '--no-builtin', '--rules', RULES_DIR]);
    const jsonl = await runCli(['rules', 'list', '--no-builtin', '--rules', RULES_DIR, '--format', 'jsonl']);

    // Assess
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(5);
    expect(run.stdout).toMatch(
      /^fixture-cloudtrail-stopped\s+HIGH\s+custom\s+T1562\.008\s+CloudTrail logging stopped/
    );
    expect(JSON.parse(jsonl.stdout.split('\n')[0] ?? '')).toMatchObject({
      id: 'fixture-cloudtrail-stopped',
      origin: 'custom',
    });
  });
});
