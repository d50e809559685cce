import { loadOptionalModule, type RequireFn } from '../../src/load-optional-module';

function notFound(id: string): Error {
  return Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
}

/** A require stand-in: `resolve` and the load step behave as given. */
function fakeRequire(resolve: (id: string) => string, load: (path: string) => unknown): RequireFn {
  return Object.assign((path: string) => load(path), { resolve });
}

describe('loadOptionalModule', () => {
  it('returns undefined when the module cannot be resolved', () => {
    // Prepare
    const requireFn = fakeRequire(
      (id) => {
        throw notFound(id);
      },
      () => ({})
    );

    // Act
    const loaded = loadOptionalModule('@vigil/job-dispatcher/cli', requireFn);

    // Assess
    expect(loaded).toBeUndefined();
  });

  it('rethrows a module missing inside a module that exists', () => {
    // Prepare
    const requireFn = fakeRequire(
      () => '/repo/services/job-dispatcher/src/cli.ts',
      () => {
        throw notFound('cron-parser');
      }
    );

    // Act
    const load = () => loadOptionalModule('@vigil/job-dispatcher/cli', requireFn);

    // Assess
    expect(load).toThrow("Cannot find module 'cron-parser'");
  });

  it('rethrows other resolution errors', () => {
    // Prepare
    const requireFn = fakeRequire(
      () => {
        throw Object.assign(new Error('Package subpath ./cli is not defined by "exports"'), {
          code: 'ERR_PACKAGE_PATH_NOT_EXPORTED',
        });
      },
      () => ({})
    );

    // Act
    const load = () => loadOptionalModule('@vigil/job-dispatcher/cli', requireFn);

    // Assess
    expect(load).toThrow('not defined by "exports"');
  });

  it('loads real modules with the real require and skips absent ones', () => {
    // Act
    const commander = loadOptionalModule('commander', require);
    const absent = loadOptionalModule('@vigil/definitely-absent/cli', require);

    // Assess
    expect(commander).toHaveProperty('Command');
    expect(absent).toBeUndefined();
  });
});
