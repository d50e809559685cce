import { Command } from 'commander';
import type { CliContext } from '../../src/cli-io';
import type { RequireFn } from '../../src/load-optional-module';
import { COMMAND_MODULES, loadRegistrars } from '../../src/registry';
import { bufferIo } from '../helpers/buffer-io';

function requireFrom(modules: Record<string, unknown>): RequireFn {
  return Object.assign((path: string) => modules[path], {
    resolve: (id: string) => {
      if (id in modules) return id;
      throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
    },
  });
}

const context: CliContext = { io: bufferIo(), setExitCode: () => undefined, isDebug: () => false };

describe('loadRegistrars', () => {
  it('registers the commands of the modules that are installed, skipping the others', () => {
    // Prepare
    const requireFn = requireFrom({
      '@vigil/job-dispatcher/cli': {
        registerCommands: (program: Command) => program.command('jobs'),
      },
      '@vigil/local-cloud': {
        registerLocalCommands: (program: Command) => program.command('local'),
      },
    });
    const program = new Command('vigil');

    // Act
    for (const register of loadRegistrars(requireFn)) register(program, context);

    // Assess
    expect(program.commands.map((command) => command.name())).toEqual(['jobs', 'local']);
  });

  it('passes the CLI context to each service', () => {
    // Prepare
    const registerCommands = jest.fn();
    const requireFn = requireFrom({ '@vigil/cloudtrail-parser/cli': { registerCommands } });
    const program = new Command('vigil');

    // Act
    for (const register of loadRegistrars(requireFn)) register(program, context);

    // Assess
    expect(registerCommands).toHaveBeenCalledWith(program, context);
  });

  it('fails loudly when an installed module lacks its register function', () => {
    // Prepare
    const requireFn = requireFrom({ '@vigil/guardduty-correlator/cli': { register: () => undefined } });

    // Act
    const load = () => loadRegistrars(requireFn);

    // Assess
    expect(load).toThrow('@vigil/guardduty-correlator/cli does not export a function registerCommands');
  });

  it('knows the four services, local-cloud and its own dlq commands', () => {
    expect(COMMAND_MODULES.map((entry) => entry.id)).toEqual([
      '@vigil/cloudtrail-parser/cli',
      '@vigil/job-dispatcher/cli',
      '@vigil/guardduty-correlator/cli',
      '@vigil/choreography-monitor/cli',
      '@vigil/local-cloud',
      './commands/dlq-command',
    ]);
  });
});
