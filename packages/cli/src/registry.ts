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

/**
 * The registrars of every service whose command module is installed. Modules are required only when the CLI
 * runs (a service that is not there yet is skipped), and each must export its register function.
 *
 * @example
 * ```ts
 * for (const register of loadRegistrars()) register(program, context);
 * ```
 */
export function loadRegistrars(requireFn: RequireFn = require): Registrar[] {
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
