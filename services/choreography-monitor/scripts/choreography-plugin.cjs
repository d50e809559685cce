'use strict';
// Serverless plugin: compiles choreographies/*.yml into the stack at package time (state machines from the
// generated ASL, rules, alarms, queue and IAM policies), so no ASL is ever written or edited by hand.
// An invalid choreography fails `serverless package` with the file, the field path and the reason.
const path = require('node:path');
const { require: tsxRequire } = require('tsx/cjs/api');

class ChoreographyPlugin {
  constructor(serverless, options) {
    this.serverless = serverless;
    this.options = options;
    this.hooks = {
      'before:package:initialize': () => this.addResources(),
    };
  }

  addResources() {
    const service = this.serverless.service;
    const custom = service.custom?.choreographies ?? {};
    const dir = path.resolve(this.serverless.serviceDir, custom.dir ?? 'choreographies');
    const { loadChoreographies } = tsxRequire('../src/adapters/choreography-files.ts', __filename);
    const { buildChoreographyResources } = tsxRequire('./choreography-resources.ts', __filename);
    let models;
    try {
      models = loadChoreographies(dir);
    } catch (error) {
      throw new this.serverless.classes.Error(`invalid choreography: ${error.message}`);
    }
    const generated = buildChoreographyResources(models, {
      stage: service.provider.stage,
      logLevel: custom.logLevel,
      logRetentionDays: custom.logRetentionDays === undefined ? undefined : Number(custom.logRetentionDays),
      metricsService: service.provider.environment?.POWERTOOLS_SERVICE_NAME,
    });
    service.resources = service.resources ?? {};
    service.resources.Resources = service.resources.Resources ?? {};
    for (const [logicalId, resource] of Object.entries(generated)) {
      if (logicalId in service.resources.Resources) {
        throw new this.serverless.classes.Error(
          `choreography resource ${logicalId} clashes with a resource in serverless.yml`
        );
      }
      service.resources.Resources[logicalId] = resource;
    }
    this.serverless.cli.log?.(`choreographies: ${models.map((model) => model.name).join(', ')} compiled`);
  }
}

module.exports = ChoreographyPlugin;
