// Serverless plugin: compiles the built-in rule pack (rules/**, YAML) into the one JSON file the functions
// read at cold start (provider.environment.RULE_PACK_FILE), before serverless-esbuild copies
// `package.patterns` into the zips. It runs on every lifecycle that builds the functions (package, deploy
// function, offline, invoke local), so the shipped pack is always compiled from the YAML of this checkout:
// the YAML stays the one source of truth and a stale pack cannot ship.
'use strict';

const { execFile } = require('node:child_process');
const path = require('node:path');
const { promisify } = require('node:util');

const run = promisify(execFile);
const SCRIPT = path.join(__dirname, '../scripts/compile-rule-pack.ts');
const HOOKS = [
  'before:package:createDeploymentArtifacts',
  'before:deploy:function:packageFunction',
  'before:offline:start',
  'before:offline:start:init',
  'before:invoke:local:invoke',
];

class CompileRulePackPlugin {
  constructor(serverless, _options, { log } = {}) {
    this.serverless = serverless;
    this.log = log;
    this.hooks = Object.fromEntries(HOOKS.map((hook) => [hook, () => this.compile()]));
  }

  /** RULE_PACK_FILE, checked against the package patterns and the plugin order. */
  target() {
    const { service, pluginManager } = this.serverless;
    const file = service.provider.environment?.RULE_PACK_FILE;
    if (typeof file !== 'string' || file === '' || path.isAbsolute(file)) {
      throw new Error('compile-rule-pack: provider.environment.RULE_PACK_FILE must name a relative file');
    }
    if (!(service.package?.patterns ?? []).includes(file)) {
      throw new Error(
        `compile-rule-pack: package.patterns must list ${file}, or the zips miss the rule pack`
      );
    }
    const names = pluginManager.plugins.map((plugin) => plugin.constructor.name);
    if (names.indexOf('EsbuildServerlessPlugin') < names.indexOf('CompileRulePackPlugin')) {
      throw new Error('compile-rule-pack: list it before serverless-esbuild in `plugins`');
    }
    return path.resolve(this.serverless.serviceDir, file);
  }

  async compile() {
    const file = this.target();
    const tsx = require.resolve('tsx/cli', { paths: [__dirname] });
    try {
      const { stdout } = await run(process.execPath, [tsx, SCRIPT, file], {
        cwd: this.serverless.serviceDir,
        encoding: 'utf8',
      });
      const { ruleCount, bytes } = JSON.parse(stdout);
      this.log?.verbose?.(`compile-rule-pack: ${ruleCount} rules → ${file} (${Math.round(bytes / 1024)} KB)`);
    } catch (error) {
      const reason = (error.stderr || error.message || String(error)).trim();
      throw new Error(`compile-rule-pack: the built-in rule pack does not compile: ${reason}`);
    }
  }
}

module.exports = CompileRulePackPlugin;
