'use strict';
// `node run-serverless-offline.cjs offline start …` in a service folder: osls (`serverless`) as the CLI runs it,
// plus one plugin, ./local-environment-plugin.cjs, that points the functions at the local cloud. osls loads
// plugins only from serverless.yml's `plugins:`, which stays exactly as deployed: this adds it for this run.
const path = require('node:path');
const LocalEnvironmentPlugin = require('./local-environment-plugin.cjs');

const osls = path.dirname(require.resolve('serverless/package.json'));
const PluginManager = require(path.join(osls, 'lib/classes/plugin-manager.js'));
const resolveServicePlugins = PluginManager.prototype.resolveServicePlugins;

PluginManager.prototype.resolveServicePlugins = async function withLocalEnvironment(...args) {
  return [...(await resolveServicePlugins.apply(this, args)), LocalEnvironmentPlugin];
};

require(path.join(osls, 'bin/serverless.js'));
