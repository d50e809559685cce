import '../../helpers/lambda-env';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '@vigil/lambda-kit';
import { createBuiltinRuleSource } from '../../../src/adapters/builtin-rule-source';
import { writeRulePackFile } from '../../../src/adapters/rule-pack-file';
import { parseConfig, rulePackFileOf } from '../../../src/config';
import { loadRuleFiles } from '../../../src/core/rule-loader';
import { RuleLoadError } from '../../../src/errors';
import { TEST_ENV } from '../../helpers/lambda-env';
import { makeRule, RULES_DIR } from '../core/fixtures';

describe('createBuiltinRuleSource', () => {
  let codeRoot: string;

  beforeEach(() => {
    codeRoot = mkdtempSync(path.join(os.tmpdir(), 'vigil-code-root-'));
  });

  afterEach(() => {
    rmSync(codeRoot, { recursive: true, force: true });
  });

  it('serves the compiled pack named by RULE_PACK_FILE, relative to the code root', async () => {
    // Prepare
    const rules = [makeRule({ id: 'compiled-a', origin: 'builtin' }), makeRule({ id: 'compiled-b' })];
    writeRulePackFile(path.join(codeRoot, 'dist/rule-pack.json'), rules);

    // Act
    const source = createBuiltinRuleSource(
      { RULE_PACK_FILE: 'dist/rule-pack.json', RULES_DIR: '/nowhere', LAMBDA_TASK_ROOT: '/var/task' },
      codeRoot
    );

    // Assess
    expect(await source()).toEqual(rules);
  });

  it('reads the compiled pack when created (cold start): a missing one fails there, not on an event', () => {
    // Act & Assess
    expect(() =>
      createBuiltinRuleSource({ RULE_PACK_FILE: 'dist/rule-pack.json', RULES_DIR: 'rules' }, codeRoot)
    ).toThrow(RuleLoadError);
    expect(() =>
      createBuiltinRuleSource({ RULE_PACK_FILE: 'dist/rule-pack.json', RULES_DIR: 'rules' }, codeRoot)
    ).toThrow(`${path.join(codeRoot, 'dist/rule-pack.json')}: compiled rule pack not found`);
  });

  it('falls back to the YAML files of RULES_DIR, on first use, only when RULE_PACK_FILE is unset', async () => {
    // Prepare
    const expected = await loadRuleFiles([RULES_DIR], { origin: 'builtin' });
    const missing = createBuiltinRuleSource({ RULES_DIR: path.join(codeRoot, 'no-rules') }, codeRoot);

    // Act
    const source = createBuiltinRuleSource({ RULES_DIR }, codeRoot);

    // Assess
    expect(await source()).toEqual(expected);
    await expect(missing()).rejects.toThrow(/no-rules: no such file or directory/);
  });
});

describe('rule pack configuration', () => {
  it('resolves RULE_PACK_FILE against the code root, not the working directory', () => {
    // Act & Assess
    expect(rulePackFileOf({ RULE_PACK_FILE: 'dist/rule-pack.json' }, '/var/task')).toBe(
      '/var/task/dist/rule-pack.json'
    );
    expect(rulePackFileOf({ RULE_PACK_FILE: '/opt/pack.json' }, '/var/task')).toBe('/opt/pack.json');
    expect(rulePackFileOf({}, '/var/task')).toBeUndefined();
  });

  it('requires RULE_PACK_FILE in Lambda, where the bundles carry no YAML parser', () => {
    // Prepare
    const lambdaEnv = { ...TEST_ENV, LAMBDA_TASK_ROOT: '/var/task' };

    // Act & Assess
    expect(() => parseConfig(lambdaEnv)).toThrow(ConfigError);
    expect(() => parseConfig(lambdaEnv)).toThrow(/RULE_PACK_FILE/);
    expect(parseConfig({ ...lambdaEnv, RULE_PACK_FILE: 'dist/rule-pack.json' }).RULE_PACK_FILE).toBe(
      'dist/rule-pack.json'
    );
    expect(parseConfig(TEST_ENV).RULE_PACK_FILE).toBeUndefined();
  });
});
