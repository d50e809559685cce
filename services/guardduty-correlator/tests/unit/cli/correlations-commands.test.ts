import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { BUILTIN_CORRELATIONS_DIR } from '../../../src/adapters/rule-files';
import { registerCommands } from '../../../src/cli';
import { ec2Resource, guardDutyAsff, inspectorCve, securityHubEvent } from '../../helpers/asff-fixtures';

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let exitCode = 0;
  const program = new Command('vigil').exitOverride();
  registerCommands(program, {
    io: {
      stdout: { write: (text: string) => out.push(text) },
      stderr: { write: (text: string) => err.push(text) },
    },
    setExitCode: (code) => {
      exitCode = Math.max(exitCode, code);
    },
  });
  await program.parseAsync(argv, { from: 'user' });
  return { stdout: out.join(''), stderr: err.join(''), exitCode };
}

const temp = () => mkdtempSync(path.join(tmpdir(), 'vigil-correlations-'));

describe('vigil correlations', () => {
  it('check says OK for every built-in rule file', async () => {
    // Act
    const result = await run(['correlations', 'check', BUILTIN_CORRELATIONS_DIR]);

    // Assess
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(10);
    expect(result.stdout).toMatch(/^OK .*ec2-backdoor-critical-cves\.yml \(ec2-backdoor-critical-cves\)$/m);
  });

  it('check names the file and the reason of an invalid rule, and exits 2', async () => {
    // Prepare
    const file = path.join(temp(), 'broken.yml');
    writeFileSync(
      file,
      'id: broken\ntitle: Broken\ndescription: x\nresourceTypes: [ec2-instance]\nwindow: 2w\ntypes: [TTPs]\nremediation: { text: x }\nsignals: [{ id: a, pattern: { x: [1] } }]\n'
    );

    // Act
    const result = await run(['correlations', 'check', '--format', 'jsonl', file]);

    // Assess
    expect(result.exitCode).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      file,
      ok: false,
      error: expect.stringContaining('window: expected a duration such as 30m, 24h or 7d'),
    });
  });

  it('test correlates the findings of a Security Hub export offline', async () => {
    // Prepare
    const file = path.join(temp(), 'export.json');
    const findings = [
      guardDutyAsff('Backdoor:EC2/C&CActivity.B!DNS', ec2Resource('i-1')),
      ...['CVE-1', 'CVE-2', 'CVE-3'].map((cve) => inspectorCve('i-1', cve)),
    ];
    // An event carrying two findings, then two bare ASFF findings.
    writeFileSync(file, JSON.stringify([securityHubEvent(findings.slice(0, 2)), ...findings.slice(2)]));

    // Act
    const result = await run(['correlations', 'test', file]);

    // Assess
    const [correlation] = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(correlation).toMatchObject({
      ruleId: 'ec2-backdoor-critical-cves',
      resourceKey: 'ec2-instance:i-1',
    });
    expect(correlation.members).toHaveLength(4);
    expect(result.stderr).toContain('4 findings, 1 correlations, 0 unkeyable');
  });
});
