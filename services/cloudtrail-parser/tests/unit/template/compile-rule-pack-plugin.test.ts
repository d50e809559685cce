import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { readRulePackFile } from '../../../src/adapters/rule-pack-file';
import { loadBuiltinRules } from '../../../src/core/rule-loader';

interface FakeServerless {
  serviceDir: string;
  service: { provider: { environment?: Record<string, unknown> }; package?: { patterns?: string[] } };
  pluginManager: { plugins: object[] };
}

interface Plugin {
  hooks: Record<string, () => Promise<void>>;
}

// The plugin is CommonJS (osls loads it with require), as serverless.yml names it.
const CompileRulePackPlugin = createRequire(__filename)('../../../plugins/compile-rule-pack.cjs') as new (
  serverless: FakeServerless,
  options: object,
  utils: object
) => Plugin;

class EsbuildServerlessPlugin {}

function setUp(
  serviceDir: string,
  overrides: { file?: unknown; patterns?: string[]; esbuildFirst?: boolean } = {}
): Plugin {
  const file = 'file' in overrides ? overrides.file : 'dist/rule-pack.json';
  const serverless: FakeServerless = {
    serviceDir,
    service: {
      provider: { environment: { RULE_PACK_FILE: file } },
      package: { patterns: overrides.patterns ?? ['dist/rule-pack.json'] },
    },
    pluginManager: { plugins: [] },
  };
  const plugin = new CompileRulePackPlugin(serverless, {}, {});
  const esbuild = new EsbuildServerlessPlugin();
  serverless.pluginManager.plugins = overrides.esbuildFirst ? [esbuild, plugin] : [plugin, esbuild];
  return plugin;
}

describe('the compile-rule-pack serverless plugin', () => {
  let serviceDir: string;

  beforeEach(() => {
    serviceDir = mkdtempSync(path.join(os.tmpdir(), 'vigil-plugin-'));
  });

  afterEach(() => {
    rmSync(serviceDir, { recursive: true, force: true });
  });

  it('compiles the built-in pack into RULE_PACK_FILE before packaging, offline and invoke local', async () => {
    // Prepare
    const plugin = setUp(serviceDir);
    const expected = await loadBuiltinRules();

    // Act
    await plugin.hooks['before:package:createDeploymentArtifacts']?.();

    // Assess
    expect(Object.keys(plugin.hooks)).toEqual(
      expect.arrayContaining([
        'before:package:createDeploymentArtifacts',
        'before:deploy:function:packageFunction',
        'before:offline:start:init',
        'before:invoke:local:invoke',
      ])
    );
    expect(readRulePackFile(path.join(serviceDir, 'dist/rule-pack.json'))).toEqual(expected);
  }, 30_000);

  it.each([
    ['RULE_PACK_FILE is not set', { file: undefined }, /RULE_PACK_FILE must name a relative file/],
    ['package.patterns misses the pack', { patterns: ['rules/**'] }, /package.patterns must list/],
    ['it runs after serverless-esbuild', { esbuildFirst: true }, /before serverless-esbuild/],
  ])('refuses to package when %s', async (_, overrides, message) => {
    // Prepare
    const plugin = setUp(serviceDir, overrides);

    // Act & Assess
    await expect(plugin.hooks['before:package:createDeploymentArtifacts']?.()).rejects.toThrow(message);
  });
});
