// The one jest setup every workspace extends (see STYLE.md §5).
// - @swc/jest compiles TypeScript one file at a time (like esbuild does for Lambda bundles).
// - middy 7 ships ESM only (`import` condition); the resolver adds that condition for @middy/*
//   and swc transforms those files to CJS, so jest can load them.
const path = require('node:path');

/** @type {import('jest').Config} */
const base = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2023' },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/)?@middy)'],
  resolver: path.join(__dirname, 'scripts/jest/resolver.cjs'),
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  setupFilesAfterEnv: [path.join(__dirname, 'scripts/jest/setup.cjs')],
};

/**
 * Jest config with `unit` and `integration` projects for a workspace.
 * @param {string} dir the workspace folder (`__dirname` of its jest.config.cjs)
 */
function workspaceConfig(dir) {
  return {
    // testTimeout is a global option in jest 30 (ignored inside projects): integration suites talk to
    // local servers, so allow them a minute.
    testTimeout: 60_000,
    projects: [
      { ...base, displayName: 'unit', rootDir: dir, testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
      {
        ...base,
        displayName: 'integration',
        rootDir: dir,
        testMatch: ['<rootDir>/tests/integration/**/*.test.ts', '<rootDir>/tests/corpus/**/*.test.ts'],
      },
    ],
  };
}

module.exports = { base, workspaceConfig };
