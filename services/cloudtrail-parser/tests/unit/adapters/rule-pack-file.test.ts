import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compileBuiltinRulePack } from '../../../src/adapters/compile-builtin-rule-pack';
import { readRulePackFile, writeRulePackFile } from '../../../src/adapters/rule-pack-file';
import { loadBuiltinRules, loadRuleFiles } from '../../../src/core/rule-loader';
import { RuleLoadError } from '../../../src/errors';
import { RULES_DIR } from '../core/fixtures';

describe('compileBuiltinRulePack', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-rule-pack-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes exactly the rules loadBuiltinRules gives for the built-in pack', async () => {
    // Prepare
    const file = path.join(dir, 'dist/rule-pack.json');
    const expected = await loadBuiltinRules();

    // Act
    const result = await compileBuiltinRulePack(file);

    // Assess
    expect(expected.length).toBeGreaterThanOrEqual(120);
    expect(result).toEqual({ ruleCount: expected.length, bytes: readFileSync(file).length });
    expect(readRulePackFile(file)).toEqual(expected);
  });

  it('fails, and writes nothing, when a rule of the folder is invalid', async () => {
    // Prepare
    const rulesDir = path.join(dir, 'rules');
    const file = path.join(dir, 'dist/rule-pack.json');
    mkdirSync(rulesDir);
    writeFileSync(path.join(rulesDir, 'broken.json'), '{"id": "x", "severity": "LOUD"}');

    // Act & Assess
    await expect(compileBuiltinRulePack(file, rulesDir)).rejects.toThrow(RuleLoadError);
    expect(() => readFileSync(file)).toThrow(/ENOENT/);
  });
});

describe('readRulePackFile', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-rule-pack-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads what writeRulePackFile wrote', async () => {
    // Prepare
    const rules = await loadRuleFiles([RULES_DIR], { origin: 'builtin' });
    const file = path.join(dir, 'nested/pack.json');

    // Act
    writeRulePackFile(file, rules);

    // Assess
    expect(readRulePackFile(file)).toEqual(rules);
  });

  it('says the pack is missing and what writes it', () => {
    // Prepare
    const file = path.join(dir, 'dist/rule-pack.json');

    // Act & Assess
    expect(() => readRulePackFile(file)).toThrow(RuleLoadError);
    expect(() => readRulePackFile(file)).toThrow(
      `${file}: compiled rule pack not found (\`sls package\` writes it from rules/**`
    );
  });

  it('names a damaged pack', () => {
    // Prepare
    const file = path.join(dir, 'rule-pack.json');
    writeFileSync(file, '{"format":"vigil-rule-pack/1","ruleCount":164,"rules":[');

    // Act & Assess
    expect(() => readRulePackFile(file)).toThrow(`${file}: compiled rule pack is not valid JSON`);
  });
});
