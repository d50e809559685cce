'use strict';
// Loaded by run-serverless-offline.cjs into `serverless offline start` (./scripts/start.sh). In AWS,
// CloudFormation resolves the functions' environment (`!Ref JobsTable`, `!GetAtt Queue.Arn`, `!Sub …`);
// serverless-offline passes such values through unresolved ("[object Object]"). This resolves them the way
// local-cloud names the resources it created from the same serverless.yml (its TemplateResolver), so the
// functions find their tables, queues and topics on the local cloud. It also:
// - sets LAMBDA_TASK_ROOT to the service folder: serverless-offline says /var/task, where Lambda has the
//   packaged `rules/**`, `correlations/**`…; locally they are in the service folder;
// - sets NODE_PATH to pnpm's store of every installed package, as Lambda's runtime puts its own AWS SDK v3
//   on NODE_PATH: the bundles leave `@aws-sdk/*` out (serverless.yml's esbuild `exclude`), and a service
//   folder's node_modules holds only its direct dependencies (not e.g. @aws-sdk/util-dynamodb);
// - applies the overrides start.sh passes (VIGIL_OFFLINE.environment), e.g. the scenarios' extra folders;
// - drops `schedule` events: local-cloud's router fires schedules (one clock, wired from serverless.yml);
// - exits when start.sh's process is gone, so no serverless-offline outlives it.
const { existsSync } = require('node:fs');
const path = require('node:path');
const { require: tsxRequire } = require('tsx/cjs/api');

const TEMPLATE_RESOLVER = '../../../packages/local-cloud/src/resources/template-resolver.ts';
const PNPM_STORE_MODULES = path.resolve(__dirname, '../../../node_modules/.pnpm/node_modules');

function settingsFromEnv() {
  const text = process.env.VIGIL_OFFLINE;
  if (text === undefined || text === '') return { environment: {} };
  const settings = JSON.parse(text);
  return { accountId: '000000000000', environment: {}, ...settings };
}

class LocalEnvironmentPlugin {
  constructor(serverless) {
    this.serverless = serverless;
    this.settings = settingsFromEnv();
    this.hooks = { 'before:offline:start:init': () => this.localize() };
    if (this.settings.parentPid !== undefined) this.exitWithParent(this.settings.parentPid);
  }

  exitWithParent(pid) {
    const timer = setInterval(() => {
      try {
        process.kill(pid, 0);
      } catch {
        process.exit(1);
      }
    }, 1000);
    timer.unref();
  }

  resolver() {
    const { TemplateResolver } = tsxRequire(TEMPLATE_RESOLVER, __filename);
    const service = this.serverless.service;
    const resources = { ...service.resources?.Resources };
    for (const key of service.getAllFunctions()) {
      const fn = service.getFunction(key);
      resources[this.serverless.getProvider('aws').naming.getLambdaLogicalId(key)] = {
        Type: 'AWS::Lambda::Function',
        Properties: { FunctionName: fn.name },
      };
    }
    const scope = {
      stackName: `${service.service}-${service.provider.stage}`,
      region: service.provider.region,
      accountId: this.settings.accountId,
      fauxqsUrl: process.env.AWS_ENDPOINT_URL_SQS ?? '',
    };
    return new TemplateResolver(
      {
        Resources: resources,
        Conditions: service.resources?.Conditions,
        Mappings: service.resources?.Mappings,
      },
      scope,
      () => undefined
    );
  }

  localize() {
    const service = this.serverless.service;
    const resolver = this.resolver();
    const resolveAll = (environment, where) => {
      const resolved = {};
      for (const [name, value] of Object.entries(environment ?? {})) {
        const local = typeof value === 'string' ? value : resolver.resolve(value, `${where}.${name}`);
        if (local !== undefined && local !== null) resolved[name] = String(local);
      }
      return resolved;
    };
    service.provider.environment = {
      ...resolveAll(service.provider.environment, 'provider.environment'),
      LAMBDA_TASK_ROOT: this.serverless.serviceDir,
      ...(existsSync(PNPM_STORE_MODULES) ? { NODE_PATH: PNPM_STORE_MODULES } : {}),
    };
    for (const key of service.getAllFunctions()) {
      const fn = service.getFunction(key);
      // Overrides go on every function: a function's own environment wins over the provider's.
      fn.environment = {
        ...resolveAll(fn.environment, `functions.${key}.environment`),
        ...this.settings.environment,
      };
      fn.events = (fn.events ?? []).filter((event) => event.schedule === undefined);
    }
  }
}

module.exports = LocalEnvironmentPlugin;
