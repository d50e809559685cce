const { base, workspaceConfig } = require('../../jest.preset.cjs');

const config = workspaceConfig(__dirname);

// A third project: the security review packages every service (dev and prod) and checks the templates.
module.exports = {
  ...config,
  projects: [
    ...config.projects,
    {
      ...base,
      displayName: 'security',
      rootDir: __dirname,
      testMatch: ['<rootDir>/tests/security/**/*.test.ts'],
    },
  ],
};
