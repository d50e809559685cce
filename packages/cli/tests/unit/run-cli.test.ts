import { Command } from 'commander';
import rootPackage from '../../../../package.json';
import { CliError } from '../../src/cli-error';
import type { Registrar } from '../../src/registry';
import { runCli } from '../../src/run-cli';
import { bufferIo } from '../helpers/buffer-io';

/** A stand-in service registering a few commands, as `@vigil/<service>/cli` does. */
const demoCommands: Registrar = (program, context) => {
  program
    .command('greet')
    .description('say hello')
    .argument('<name>')
    .action((name: string) => {
      context.io.stdout.write(`hello ${name}\n`);
    });
  program.command('reject').action(() => {
    throw new CliError('rules/broken.yml', 'pattern: expected an object');
  });
  program.command('crash').action(() => {
    throw new TypeError("Cannot read properties of undefined (reading 'detail')");
  });
  program.command('alert').action(() => {
    context.io.stdout.write('{"ruleId":"root-login"}\n');
    context.setExitCode(1);
  });
  const rules = program.command('rules').description('rule tools');
  rules
    .command('check')
    .argument('<path>')
    .action(() => undefined);
  // A pre-built command added whole: it must follow the same error path.
  program.addCommand(new Command('built').argument('<input>').action(() => undefined));
};

async function run(argv: string[]) {
  const io = bufferIo();
  const code = await runCli(argv, io, { registrars: [demoCommands] });
  return { code, out: io.out(), err: io.err() };
}

describe('runCli', () => {
  it('lists the registered commands in --help', async () => {
    // Act
    const { code, out, err } = await run(['--help']);

    // Assess
    expect(code).toBe(0);
    expect(out).toMatch(/Usage: vigil/);
    expect(out).toMatch(/greet <name>\s+say hello/);
    expect(out).toMatch(/rules\s+rule tools/);
    expect(out).toContain('--debug');
    expect(err).toBe('');
  });

  it('prints the repository version', async () => {
    // Act
    const { code, out } = await run(['--version']);

    // Assess
    expect(code).toBe(0);
    expect(out).toBe(`${rootPackage.version}\n`);
  });

  it('runs a command with its arguments', async () => {
    // Act
    const { code, out } = await run(['greet', 'ada']);

    // Assess
    expect(code).toBe(0);
    expect(out).toBe('hello ada\n');
  });

  it('reports an unknown command on one line and exits 2', async () => {
    // Act
    const { code, out, err } = await run(['nope']);

    // Assess
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe("vigil: nope: unknown command (see 'vigil --help')\n");
  });

  it('reports an unknown command the same way when no service is installed', async () => {
    // Prepare
    const io = bufferIo();

    // Act
    const code = await runCli(['scan', 'x.json'], io, { registrars: [] });

    // Assess
    expect(code).toBe(2);
    expect(io.err()).toBe("vigil: scan: unknown command (see 'vigil --help')\n");
  });

  it('suggests the closest subcommand', async () => {
    // Act
    const { code, err } = await run(['rules', 'chek']);

    // Assess
    expect(code).toBe(2);
    expect(err).toBe('vigil: chek: unknown command (Did you mean check?)\n');
  });

  it.each([
    [['--frob'], "vigil: usage: unknown option '--frob'\n"],
    [['greet'], "vigil: greet: missing required argument 'name'\n"],
    [['rules', 'check'], "vigil: rules check: missing required argument 'path'\n"],
    [['built'], "vigil: built: missing required argument 'input'\n"],
    [['greet', 'a', 'b'], "vigil: greet: too many arguments for 'greet'. Expected 1 argument but got 2.\n"],
  ])('reports the usage error of %j on one line and exits 2', async (argv, expected) => {
    // Act
    const { code, err } = await run(argv);

    // Assess
    expect(code).toBe(2);
    expect(err).toBe(expected);
  });

  it('prints a CliError as one line without a stack and exits 2', async () => {
    // Act
    const { code, err } = await run(['reject']);

    // Assess
    expect(code).toBe(2);
    expect(err).toBe('vigil: rules/broken.yml: pattern: expected an object\n');
  });

  it('shows the stack with --debug, before or after the command', async () => {
    // Act
    const before = await run(['--debug', 'reject']);
    const after = await run(['reject', '--debug']);

    // Assess
    for (const { code, err } of [before, after]) {
      expect(code).toBe(2);
      expect(err.split('\n')[0]).toBe('vigil: rules/broken.yml: pattern: expected an object');
      expect(err).toMatch(/CliError: rules\/broken.yml: pattern: expected an object\n\s+at /);
    }
  });

  it('reports an unexpected error as an internal error, exit 1, stack only with --debug', async () => {
    // Act
    const plain = await run(['crash']);
    const debug = await run(['crash', '--debug']);

    // Assess
    expect(plain.code).toBe(1);
    expect(plain.err).toBe("vigil: internal error: Cannot read properties of undefined (reading 'detail')\n");
    expect(debug.code).toBe(1);
    expect(debug.err).toMatch(/^vigil: internal error: .*\nTypeError: .*\n\s+at /);
  });

  it('returns the exit code a command sets', async () => {
    // Act
    const { code, out, err } = await run(['alert']);

    // Assess
    expect(code).toBe(1);
    expect(out).toBe('{"ruleId":"root-login"}\n');
    expect(err).toBe('');
  });

  it('prints help to stderr and exits 2 without a command', async () => {
    // Act
    const { code, out, err } = await run([]);

    // Assess
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/Usage: vigil/);
  });
});
