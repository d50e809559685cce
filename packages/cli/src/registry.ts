import path from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from './cli-io';
import { loadOptionalModule, type RequireFn } from './load-optional-module';

/** Adds commands to the root program. */
export type Registrar = (program: Command, context: CliContext) => void;

/** Where each service's commands live, and the function that registers them. */
export const COMMAND_MODULES: readonly { id: string; exportName: string }[] = [
  { id: '@vigil/cloudtrail-parser/cli', exportName: 'registerCommands' },
  { id: '@vigil/job-dispatcher/cli', exportName: 'registerCommands' },
  { id: '@vigil/guardduty-correlator/cli', exportName: 'registerCommands' },
  { id: '@vigil/choreography-monitor/cli', exportName: 'registerCommands' },
  { id: '@vigil/local-cloud', exportName: 'registerLocalCommands' },
  { id: './commands/dlq-command', exportName: 'registerDlqCommands' },
];

// pnpm links workspaces only into the packages that depend on them; the CLI depends on none of the services
// (each registers itself when present). `pnpm vigil` finds them through the NODE_PATH pnpm sets, pointing at
// its virtual store; a plain `node packages/cli/bin/vigil.cjs` looks there too.
const VIRTUAL_STORE = path.resolve(__dirname, '../../../node_modules/.pnpm');

/** `require`, also resolving workspace packages from pnpm's virtual store when NODE_PATH does not list it. */
export const workspaceRequire: RequireFn = Object.assign(
  (id: string) => require(workspaceRequire.resolve(id)),
  {
    resolve(id: string): string {
      try {
        return require.resolve(id);
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'MODULE_NOT_FOUND') throw error;
        return require.resolve(id, { paths: [VIRTUAL_STORE] });
      }
    },
  }
);

/**
 * The registrars of every service whose command module is installed. Modules are required only when the CLI
 * runs (a service that is not there yet is skipped), and each must export its register function.
 *
 * @example
 * ```ts
 * for (const register of loadRegistrars()) register(program, context);
 * ```
 */
export function loadRegistrars(requireFn: RequireFn = workspaceRequire): Registrar[] {
  const registrars: Registrar[] = [];
  for (const { id, exportName } of COMMAND_MODULES) {
    const loaded = loadOptionalModule(id, requireFn);
    if (loaded === undefined) continue;
    const register: unknown =
      loaded !== null && typeof loaded === 'object' ? Reflect.get(loaded, exportName) : undefined;
    if (typeof register !== 'function') throw new Error(`${id} does not export a function ${exportName}`);
    registrars.push((program, context) => {
      register(program, context);
    });
  }
  return registrars;
}
